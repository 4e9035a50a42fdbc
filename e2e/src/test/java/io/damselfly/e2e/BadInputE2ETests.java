package io.damselfly.e2e;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import io.damselfly.cli.http.Http;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Bad input to every public endpoint of every running service gets a 4xx problem body that says what
 * is wrong, never a 500 and never a hang.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class BadInputE2ETests {

	private static final String TASK = "a".repeat(64);

	private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

	private E2eCluster cluster;

	@BeforeAll
	void startCluster() throws Exception {
		cluster = E2eCluster.start("bad-input", 21000, 1, 1, 1, List.of());
	}

	@AfterAll
	void stopCluster() {
		if (cluster != null) {
			cluster.close();
		}
	}

	@Test
	void everyPublicEndpointAnswersBadInputWithA4xxProblem() throws Exception {
		String manager = cluster.state.managerUrl();
		String gateway = cluster.state.gatewayUrl();
		String scheduler = cluster.node("scheduler-1").url();
		String peer = cluster.node("peer-1").url();
		List<String[]> cases = List.of(
				// manager
				req("POST", manager + "/api/v1/nodes", "{not json"),
				req("POST", manager + "/api/v1/nodes", "{\"type\":\"TOASTER\",\"host\":\"h\",\"port\":1}"),
				req("POST", manager + "/api/v1/nodes", "{\"type\":\"SCHEDULER\",\"host\":\"h\",\"port\":70000}"),
				req("POST", manager + "/api/v1/nodes/bad..id/keepalive", null),
				req("GET", manager + "/api/v1/nodes?state=SLEEPY", null),
				req("PUT", manager + "/api/v1/clusters/default/config", "{\"candidateParentLimit\":0}"),
				req("PUT", manager + "/api/v1/clusters/has%20space/config", "{}"),
				// scheduler
				req("POST", scheduler + "/api/v1/hosts", "{}"),
				req("POST", scheduler + "/api/v1/peers",
						"{\"peerId\":\"p\",\"hostId\":\"h\",\"url\":\"file:///etc/passwd\"}"),
				req("POST", scheduler + "/api/v1/peers", "[]"),
				req("POST", scheduler + "/api/v1/peers/p1/pieces",
						"{\"taskId\":\"" + TASK + "\",\"pieces\":[{\"number\":-1,\"costMillis\":1,\"success\":true}]}"),
				req("POST", scheduler + "/api/v1/peers/p1/reschedule", "{\"taskId\":\"nothex\"}"),
				req("GET", scheduler + "/api/v1/tasks/not-a-task-id", null),
				req("GET", scheduler + "/api/v1/peers/bad..peer/schedule", null),
				req("DELETE", scheduler + "/api/v1/peers/p1?taskId=zzz", null),
				// peer daemon
				req("POST", peer + "/api/v1/downloads", "{\"url\":\"ftp://example/x\"}"),
				req("POST", peer + "/api/v1/downloads", "{\"url\":\"http://127.0.0.1:1/x\",\"digest\":\"md5:abc\"}"),
				req("POST", peer + "/api/v1/downloads", "{\"url\":\"http://127.0.0.1:1/x\",\"output\":\"/etc/passwd\"}"),
				req("POST", peer + "/api/v1/downloads", "{\"url\":\"http://127.0.0.1:1/x\",\"output\":\"relative/out\"}"),
				req("GET", peer + "/api/v1/downloads/..%2F..%2Fetc", null),
				req("GET", peer + "/api/v1/tasks/..%2F..%2Fetc%2Fpasswd", null),
				req("GET", peer + "/api/v1/tasks/" + TASK + "/pieces/-1", null),
				req("GET", peer + "/api/v1/tasks/" + TASK + "/pieces/abc", null),
				req("GET", peer + "/api/v1/tasks/" + TASK + "/pieces/0", null),
				// gateway, routed to the manager and to the schedulers
				req("GET", gateway + "/api/v1/nodes?type=TOASTER", null),
				req("GET", gateway + "/api/v1/tasks/not-a-task-id", null));
		List<String> failures = new ArrayList<>();
		assertThat(Http.token()).as("the cluster's admin token").isNotBlank();
		for (String[] c : cases) {
			// The admin token: validation, not authentication, must be what refuses these (SecurityE2ETests does that).
			HttpRequest.Builder builder = Http.authorized(HttpRequest.newBuilder(URI.create(c[1])))
				.timeout(Duration.ofSeconds(10)).header("Content-Type", "application/json");
			builder.method(c[0], (c[2] != null) ? HttpRequest.BodyPublishers.ofString(c[2])
					: HttpRequest.BodyPublishers.noBody());
			HttpResponse<String> response = http.send(builder.build(), HttpResponse.BodyHandlers.ofString());
			String type = response.headers().firstValue("Content-Type").orElse("");
			boolean ok = response.statusCode() >= 400 && response.statusCode() < 500
					&& type.startsWith("application/problem+json") && response.body().contains("\"detail\"");
			System.out.printf("%-6s %-90s -> %d %s%n", c[0], c[1], response.statusCode(), response.body());
			if (!ok) {
				failures.add(c[0] + " " + c[1] + " -> " + response.statusCode() + " " + type + " " + response.body());
			}
		}
		assertThat(failures).as("endpoints that did not answer with a 4xx problem").isEmpty();
	}

	private static String[] req(String method, String url, String body) {
		return new String[] { method, url, body };
	}

}
