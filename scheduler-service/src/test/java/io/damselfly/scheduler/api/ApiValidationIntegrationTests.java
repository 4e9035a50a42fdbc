package io.damselfly.scheduler.api;

import java.util.HashMap;
import java.util.Map;
import java.util.UUID;
import java.util.function.Function;

import io.damselfly.common.error.ProblemTypes;
import io.damselfly.common.peer.PeerRegistration;
import io.damselfly.scheduler.support.SchedulerApi;
import io.damselfly.scheduler.support.TestSecurity;
import io.damselfly.testsupport.redis.TestRedis;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webtestclient.autoconfigure.AutoConfigureWebTestClient;
import org.springframework.http.MediaType;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.reactive.server.WebTestClient;

import static io.damselfly.scheduler.support.SchedulerApi.healthy;
import static io.damselfly.scheduler.support.SchedulerApi.taskId;
import static io.damselfly.scheduler.support.SchedulerApi.url;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Bad input to every endpoint is a 4xx problem body that says what is wrong, never a 500. The manager
 * is unreachable here, so the cluster defaults apply.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
		properties = { "damselfly.node.register=false", "damselfly.manager.url=http://127.0.0.1:9",
				"damselfly.manager.timeout=500ms" })
// Generous: other builds share this 2-core machine, and a starved JVM must not fail a test by timing out.
@AutoConfigureWebTestClient(timeout = "30s")
class ApiValidationIntegrationTests {

	@DynamicPropertySource
	static void redis(DynamicPropertyRegistry registry) {
		TestRedis.register(registry);
		TestSecurity.register(registry);
	}

	@Autowired
	WebTestClient web;

	/** Calls carry an admin token; SchedulerSecurityTests covers the refusals. */
	@BeforeEach
	void carryAnAdminToken() {
		web = TestSecurity.admin(web);
	}

	private static final String TASK = "0".repeat(64);

	private void problem(Function<WebTestClient, WebTestClient.RequestHeadersSpec<?>> request, int status,
			String detailPart) {
		WebTestClient.BodyContentSpec body = request.apply(web).exchange().expectStatus().isEqualTo(status)
			.expectHeader().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON).expectBody();
		body.jsonPath("$.type")
			.isEqualTo(((status == 404) ? ProblemTypes.NOT_FOUND
					: (status == 409) ? ProblemTypes.CONFLICT : ProblemTypes.INVALID_REQUEST).toString())
			.jsonPath("$.detail").value((detail) -> assertThat(detail.toString()).contains(detailPart));
	}

	private static WebTestClient.RequestHeadersSpec<?> post(WebTestClient web, String uri, String json) {
		return web.post().uri(uri).contentType(MediaType.APPLICATION_JSON).bodyValue(json);
	}

	@Test
	void hostAnnounceRejectsBadBodiesAndIds() {
		problem((w) -> post(w, "/api/v1/hosts", "{\"ip\":\"127.0.0.1\",\"port\":1,\"type\":\"NORMAL\","
				+ "\"uploadSlots\":1,\"uploadsInFlight\":0,\"health\":{\"status\":\"UP\"}}"), 400, "hostId is required");
		problem((w) -> post(w, "/api/v1/hosts", "{\"hostId\":\"h\",\"ip\":\"127.0.0.1\",\"port\":70000,"
				+ "\"type\":\"NORMAL\",\"uploadSlots\":1,\"uploadsInFlight\":0,\"health\":{\"status\":\"UP\"}}"), 400,
				"port must be between 1 and 65535");
		problem((w) -> post(w, "/api/v1/hosts", "{\"hostId\":\"h\",\"ip\":\"127.0.0.1\",\"port\":1,"
				+ "\"type\":\"NORMAL\",\"uploadSlots\":1,\"uploadsInFlight\":0}"), 400, "health is required");
		problem((w) -> post(w, "/api/v1/hosts", "{\"hostId\":\"h\",\"ip\":\"127.0.0.1\",\"port\":1,"
				+ "\"type\":\"GIANT\",\"uploadSlots\":1,\"uploadsInFlight\":0,\"health\":{\"status\":\"UP\"}}"), 400,
				"malformed request body");
		problem((w) -> post(w, "/api/v1/hosts", "{not json"), 400, "malformed request body");
		problem((w) -> w.delete().uri("/api/v1/hosts/{id}", "bad..id"), 400, "hostId must be");
		problem((w) -> w.get().uri("/api/v1/hosts/{id}", "-bad"), 400, "hostId must be");
		problem((w) -> w.get().uri("/api/v1/hosts/{id}", "never-announced-" + UUID.randomUUID()), 404,
				"has not announced");
	}

	@Test
	void peerRegistrationRejectsBadBodies() {
		problem((w) -> post(w, "/api/v1/peers", "{\"hostId\":\"h\",\"url\":\"http://o/x\"}"), 400, "peerId is required");
		problem((w) -> post(w, "/api/v1/peers", "{\"peerId\":\"p/1\",\"hostId\":\"h\",\"url\":\"http://o/x\"}"), 400,
				"peerId must be");
		problem((w) -> post(w, "/api/v1/peers", "{\"peerId\":\"p\",\"hostId\":\"h\",\"url\":\"ftp://o/x\"}"), 400,
				"url must be http or https");
		problem((w) -> post(w, "/api/v1/peers", "{\"peerId\":\"p\",\"hostId\":\"h\",\"url\":\"http://o/x\","
				+ "\"taskId\":\"" + TASK + "\"}"), 400, "does not match the id derived");
		problem((w) -> post(w, "/api/v1/peers", "{\"peerId\":\"p\",\"hostId\":\"h\",\"url\":\"http://o/x\","
				+ "\"digest\":\"md5:abc\"}"), 400, "digest must look like");
		Map<String, String> headers = new HashMap<>();
		for (int i = 0; i < 65; i++) {
			headers.put("h" + i, "v");
		}
		problem((w) -> w.post().uri("/api/v1/peers")
			.bodyValue(new PeerRegistration("p", "h", "http://o/x", null, null, null, null, headers)), 400,
				"at most 64 headers");
	}

	@Test
	void rescheduleReportsAndOutcomesRejectBadInputAndUnknownPeers() {
		String unknown = "nobody-" + UUID.randomUUID();
		problem((w) -> post(w, "/api/v1/peers/{id}/reschedule".replace("{id}", "bad..id"),
				"{\"taskId\":\"" + TASK + "\"}"), 400, "peerId must be");
		problem((w) -> post(w, "/api/v1/peers/p/reschedule", "{\"taskId\":\"XYZ\"}"), 400, "taskId must be 64");
		problem((w) -> post(w, "/api/v1/peers/p/reschedule", "{\"taskId\":\"" + TASK + "\",\"blocklist\":[\"a b\"]}"),
				400, "blocklist entries must be peer ids");
		problem((w) -> post(w, "/api/v1/peers/" + unknown + "/reschedule", "{\"taskId\":\"" + TASK + "\"}"), 404,
				"is not registered");
		problem((w) -> post(w, "/api/v1/peers/p/pieces", "{\"pieces\":[]}"), 400, "taskId is required");
		problem((w) -> post(w, "/api/v1/peers/p/pieces", "{\"taskId\":\"" + TASK
				+ "\",\"pieces\":[{\"number\":-1,\"costMillis\":1,\"success\":true,\"length\":1}]}"), 400,
				"number must be between");
		problem((w) -> post(w, "/api/v1/peers/p/pieces", "{\"taskId\":\"" + TASK
				+ "\",\"pieces\":[{\"number\":1,\"costMillis\":1,\"success\":true,\"length\":1,\"digest\":\"zz\"}]}"),
				400, "digest must be 64");
		problem((w) -> post(w, "/api/v1/peers/p/pieces", "{\"taskId\":\"" + TASK
				+ "\",\"pieces\":[{\"number\":1,\"parentPeerId\":\"x\",\"costMillis\":1,\"success\":false,\"length\":0}]}"), 400,
				"failure is required");
		problem((w) -> post(w, "/api/v1/peers/p/pieces", "{\"taskId\":\"" + TASK
				+ "\",\"contentLength\":1099511627776,\"pieceSize\":1,\"pieces\":[]}"), 400, "at most 1000001");
		problem((w) -> post(w, "/api/v1/peers/" + unknown + "/pieces", "{\"taskId\":\"" + TASK + "\",\"pieces\":[]}"),
				404, "is not registered");
		problem((w) -> post(w, "/api/v1/peers/p/finished", "{\"taskId\":\"short\"}"), 400, "taskId must be 64");
		problem((w) -> post(w, "/api/v1/peers/p/failed", "{\"taskId\":\"" + TASK + "\",\"reason\":\""
				+ "x".repeat(1025) + "\"}"), 400, "reason is longer than 1024");
		problem((w) -> post(w, "/api/v1/peers/" + unknown + "/finished", "{\"taskId\":\"" + TASK + "\"}"), 404,
				"is not registered");
		problem((w) -> w.delete().uri("/api/v1/peers/p"), 400, "taskId is required");
		problem((w) -> w.delete().uri("/api/v1/peers/p?taskId=nothex"), 400, "task id must be 64");
		problem((w) -> w.delete().uri("/api/v1/peers/" + unknown + "?taskId=" + TASK), 404, "is not registered");
	}

	@Test
	void aPieceBeyondTheTaskIsOutOfRangeAndALeftPeerCannotReport() {
		SchedulerApi api = new SchedulerApi(web);
		String url = url("range");
		String task = taskId(url);
		String run = UUID.randomUUID().toString().substring(0, 8);
		api.announce(healthy("host-" + run, 8101));
		api.register("peer-" + run, "host-" + run, url);
		api.reportFromOrigin("peer-" + run, task, 2);
		problem((w) -> post(w, "/api/v1/peers/peer-" + run + "/pieces", "{\"taskId\":\"" + task
				+ "\",\"pieces\":[{\"number\":2,\"costMillis\":1,\"success\":true,\"length\":1}]}"), 400,
				"piece 2 is out of range [0, 2)");
		web.delete().uri("/api/v1/peers/peer-{r}?taskId={t}", run, task).exchange().expectStatus().isNoContent();
		problem((w) -> post(w, "/api/v1/peers/peer-" + run + "/pieces", "{\"taskId\":\"" + task
				+ "\",\"pieces\":[{\"number\":1,\"costMillis\":1,\"success\":true,\"length\":1}]}"), 409, "is LEFT");
	}

	@Test
	void readsRejectBadIdsAndUnknownOnes() {
		problem((w) -> w.get().uri("/api/v1/peers/{id}/schedule", "bad..id"), 400, "peerId must be");
		problem((w) -> w.get().uri("/api/v1/peers/{id}/schedule", "nobody-" + UUID.randomUUID()), 404, "is not known");
		problem((w) -> w.get().uri("/api/v1/tasks/{id}", "ABC"), 400, "task id must be 64");
		problem((w) -> w.get().uri("/api/v1/tasks/{id}", "1".repeat(64)), 404, "is not known");
	}

	@Test
	void withTheManagerUnreachableTheClusterDefaultsApply() {
		web.post().uri("/api/v1/hosts").bodyValue(healthy("defaults-" + UUID.randomUUID(), 8101)).exchange()
			.expectStatus().isOk().expectBody().jsonPath("$.announceIntervalSeconds").isEqualTo(10)
			.jsonPath("$.ttlSeconds").isEqualTo(30);
		SchedulerApi api = new SchedulerApi(web);
		String run = UUID.randomUUID().toString().substring(0, 8);
		api.announce(healthy("h-" + run, 8101));
		assertThat(api.register("p-" + run, "h-" + run, url("defaults")).reason())
			.contains("back to source after 5 more failed attempts");
	}

}
