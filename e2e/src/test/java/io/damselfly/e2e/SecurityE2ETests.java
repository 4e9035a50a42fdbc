package io.damselfly.e2e;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPairGenerator;
import java.security.Signature;
import java.security.spec.ECGenParameterSpec;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;

import io.damselfly.cli.cluster.ClusterSecrets;
import io.damselfly.cli.http.DownloadRunner;
import io.damselfly.cli.http.Http;
import io.damselfly.cli.http.PeerApi;
import io.damselfly.common.download.DownloadRequest;
import io.damselfly.common.download.DownloadState;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import tools.jackson.databind.JsonNode;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Trust and security against one real cluster (docs/architecture.md#trust-and-security), black box over
 * HTTP: every control-plane endpoint refuses a call without a token (401) and with the wrong role (403),
 * both as problem details, and serves the right role; a peer cannot pass itself off as a seed nor
 * register a scheduler; a token signed by anyone but the manager is refused; {@code output} is refused
 * unless a directory is configured.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class SecurityE2ETests {

	private static final String TASK = "a".repeat(64);

	private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

	private E2eCluster cluster;

	private String admin;

	private String peer;

	private String seed;

	@BeforeAll
	void startCluster() throws Exception {
		cluster = E2eCluster.start("security", 22000, 1, 1, 2, List.of());
		admin = ClusterSecrets.adminToken(cluster.cluster.runDir()).orElseThrow();
		peer = token("peer", secret("peer"), null);
		seed = token("seed", secret("seed"), null);
	}

	@AfterAll
	void stopCluster() {
		if (cluster != null) {
			cluster.close();
		}
	}

	@Test
	void adminTokenFileIsPrivateAndIsTheTokenTheCliUses() throws Exception {
		Path file = cluster.cluster.runDir().resolve("admin.token");
		assertThat(Files.getPosixFilePermissions(file)).extracting(Object::toString)
			.containsExactlyInAnyOrder("OWNER_READ", "OWNER_WRITE");
		assertThat(Files.readAllLines(file)).hasSize(1);
		assertThat(Http.token()).isEqualTo(admin);
		for (var node : cluster.state.nodes()) {
			assertThat(String.join(" ", node.command())).as(node.name() + " command line").doesNotContain(secret("admin"),
					secret("peer"), secret("seed"), secret("scheduler"), secret("gateway"));
		}
	}

	@Test
	void everyControlPlaneEndpointAnswersNoTokenWith401WrongRoleWith403RightRoleWith2xx() throws Exception {
		String manager = cluster.state.managerUrl();
		String gateway = cluster.state.gatewayUrl();
		String scheduler = cluster.node("scheduler-1").url();
		String peerUrl = cluster.node("peer-1").url();
		String config = send("GET", manager + "/api/v1/clusters/default/config", null, admin).body();
		String announce = "{\"hostId\":\"sec-host\",\"ip\":\"127.0.0.1\",\"port\":1,\"type\":\"NORMAL\",\"uploadSlots\":1,"
				+ "\"uploadsInFlight\":0,\"health\":{\"status\":\"UP\",\"diskUsedPercent\":1.0,\"details\":{}}}";
		String register = "{\"type\":\"SCHEDULER\",\"clusterId\":\"default\",\"host\":\"127.0.0.2\",\"port\":9}";
		// A host acts only under the id its token names: another host's peer token is refused as a wrong role is.
		String secHost = token("peer", secret("peer"), "sec-host");
		String otherHost = token("peer", secret("peer"), "other-host");
		// method, url, body, wrong-role token, right-role token
		List<Case> cases = List.of(
				new Case("PUT", manager + "/api/v1/clusters/default/config", config, peer, admin),
				new Case("GET", manager + "/api/v1/clusters/default/config", null, null, peer),
				new Case("GET", manager + "/api/v1/nodes", null, null, peer),
				new Case("POST", manager + "/api/v1/nodes", register, peer, admin),
				new Case("DELETE", manager + "/api/v1/nodes/scheduler-127.0.0.2-9", null, seed, admin),
				new Case("POST", scheduler + "/api/v1/hosts", announce, otherHost, secHost),
				new Case("GET", scheduler + "/api/v1/hosts/sec-host", null, null, admin),
				new Case("GET", scheduler + "/api/v1/tasks/" + TASK, null, null, peer),
				new Case("DELETE", scheduler + "/api/v1/hosts/sec-host", null, otherHost, secHost),
				new Case("GET", gateway + "/api/v1/nodes", null, null, admin),
				new Case("GET", gateway + "/api/v1/tasks/" + TASK, null, null, peer),
				new Case("GET", peerUrl + "/api/v1/tasks/" + TASK, null, null, seed),
				new Case("GET", manager + "/actuator/metrics", null, peer, admin),
				new Case("GET", scheduler + "/actuator/info", null, peer, admin));
		List<String> failures = new ArrayList<>();
		for (Case c : cases) {
			HttpResponse<String> none = send(c.method, c.url, c.body, null);
			expectProblem(failures, c, "no token", none, 401);
			if (c.wrong != null) {
				expectProblem(failures, c, "wrong role", send(c.method, c.url, c.body, c.wrong), 403);
			}
			HttpResponse<String> right = send(c.method, c.url, c.body, c.right);
			System.out.printf("%-6s %-70s none=%d right=%d%n", c.method, c.url, none.statusCode(), right.statusCode());
			// 404 for a task nobody asked for is the right role getting an answer, not a refusal.
			if (right.statusCode() >= 300 && right.statusCode() != 404) {
				failures.add(c.method + " " + c.url + " right role -> " + right.statusCode() + " " + right.body());
			}
		}
		assertThat(failures).isEmpty();
	}

	@Test
	void aPeerCannotAnnounceItselfAsASeedNorRegisterANode() throws Exception {
		String scheduler = cluster.node("scheduler-1").url();
		String forged = "{\"hostId\":\"forged-seed\",\"ip\":\"127.0.0.1\",\"port\":1,\"type\":\"SEED\",\"uploadSlots\":1,"
				+ "\"uploadsInFlight\":0,\"health\":{\"status\":\"UP\",\"diskUsedPercent\":1.0,\"details\":{}}}";
		HttpResponse<String> announced = send("POST", scheduler + "/api/v1/hosts", forged, peer);
		assertThat(announced.statusCode()).as(announced.body()).isEqualTo(403);
		assertThat(announced.body()).contains("type comes from the token");
		assertThat(send("GET", scheduler + "/api/v1/hosts/forged-seed", null, admin).statusCode()).isEqualTo(404);
		HttpResponse<String> asSeed = send("POST", cluster.state.managerUrl() + "/api/v1/nodes",
				"{\"type\":\"SCHEDULER\",\"clusterId\":\"default\",\"host\":\"127.0.0.3\",\"port\":9}", seed);
		assertThat(asSeed.statusCode()).as("a seed token registering a scheduler: " + asSeed.body()).isEqualTo(403);
	}

	/**
	 * A taken-over peer host (it holds a real peer token) registers for a URL and claims to have fetched a
	 * piece from the origin, with a digest of its choosing. The scheduler never sent it there, so the claim
	 * is refused whole and no digest is recorded for the task.
	 */
	@Test
	void aPeerNeverSentToTheOriginCannotPlantPieceDigests() throws Exception {
		String scheduler = cluster.node("scheduler-1").url();
		String host = "rogue-" + System.nanoTime();
		String rogue = token("peer", secret("peer"), host);
		String peerId = host + "-0a0b0c0d";
		String announce = "{\"hostId\":\"" + host + "\",\"ip\":\"127.0.0.1\",\"port\":1,\"type\":\"NORMAL\","
				+ "\"uploadSlots\":1,\"uploadsInFlight\":0,\"health\":{\"status\":\"UP\",\"diskUsedPercent\":1.0,\"details\":{}}}";
		assertThat(send("POST", scheduler + "/api/v1/hosts", announce, rogue).statusCode()).isEqualTo(200);
		String url = "http://127.0.0.1:1/planted-" + System.nanoTime() + ".bin";
		HttpResponse<String> registered = send("POST", scheduler + "/api/v1/peers",
				"{\"peerId\":\"" + peerId + "\",\"hostId\":\"" + host + "\",\"url\":\"" + url + "\"}", rogue);
		assertThat(registered.statusCode()).as(registered.body()).isEqualTo(200);
		assertThat(Http.JSON.readTree(registered.body()).get("type").asString()).isNotEqualTo("BACK_TO_SOURCE");
		String taskId = Http.JSON.readTree(registered.body()).get("taskId").asString();

		HttpResponse<String> planted = send("POST", scheduler + "/api/v1/peers/" + peerId + "/pieces",
				"{\"taskId\":\"" + taskId + "\",\"contentLength\":4194304,\"pieceSize\":4194304,\"pieces\":[{\"number\":0,"
						+ "\"success\":true,\"costMillis\":1,\"length\":4194304,\"digest\":\"" + "0".repeat(64) + "\"}]}",
				rogue);

		assertThat(planted.statusCode()).as(planted.body()).isEqualTo(403);
		assertThat(planted.headers().firstValue("Content-Type").orElse("")).startsWith("application/problem+json");
		assertThat(planted.body()).contains("was not sent to the origin");
		HttpResponse<String> task = send("GET", scheduler + "/api/v1/tasks/" + taskId, null, admin);
		assertThat(task.statusCode()).as(task.body()).isEqualTo(200);
		assertThat(Http.JSON.readTree(task.body()).get("pieceDigestsKnown").asInt()).isZero();
		assertThat(Http.JSON.readTree(task.body()).get("contentLength").asLong()).isEqualTo(-1);
	}

	@Test
	void tokensComeOnlyFromTheRightSecretAndOnlyFromTheManagersKey() throws Exception {
		String manager = cluster.state.managerUrl();
		HttpResponse<String> peerSecretForSeed = send("POST", manager + "/api/v1/auth/token",
				"{\"role\":\"seed\",\"secret\":\"" + secret("peer") + "\"}", null);
		assertThat(peerSecretForSeed.statusCode()).isEqualTo(401);
		HttpResponse<String> managerRole = send("POST", manager + "/api/v1/auth/token",
				"{\"role\":\"manager\",\"secret\":\"" + secret("admin") + "\"}", null);
		assertThat(managerRole.statusCode()).isEqualTo(400);
		String forged = forgedAdminToken();
		HttpResponse<String> withForged = send("PUT", manager + "/api/v1/clusters/default/config",
				send("GET", manager + "/api/v1/clusters/default/config", null, admin).body(), forged);
		assertThat(withForged.statusCode()).isEqualTo(401);
		assertThat(withForged.headers().firstValue("Content-Type").orElse("")).startsWith("application/problem+json");
		JsonNode jwks = Http.JSON.readTree(send("GET", manager + "/api/v1/auth/jwks", null, null).body());
		assertThat(jwks.get("keys").get(0).get("kty").asString()).isEqualTo("EC");
		assertThat(jwks.get("keys").get(0).has("d")).as("the private part never leaves the manager").isFalse();
	}

	@Test
	void healthStatusStaysOpenAndDetailsNeedManagerOrAdmin() throws Exception {
		String scheduler = cluster.node("scheduler-1").url();
		HttpResponse<String> open = send("GET", scheduler + "/actuator/health/readiness", null, null);
		assertThat(open.statusCode()).isEqualTo(200);
		assertThat(open.body()).doesNotContain("components");
		assertThat(send("GET", scheduler + "/actuator/health/readiness", null, admin).body()).contains("components");
		assertThat(send("GET", scheduler + "/actuator/health", null, peer).body()).doesNotContain("components");
		assertThat(send("GET", scheduler + "/actuator/prometheus", null, null).statusCode()).isEqualTo(401);
		assertThat(send("GET", scheduler + "/actuator/prometheus", null, admin).statusCode())
			.as("a short-lived token is not the scrape token").isEqualTo(401);
	}

	@Test
	void outputIsRefusedWithoutAConfiguredDirectoryAndNothingIsWritten() throws Exception {
		Path target = Path.of(System.getProperty("java.io.tmpdir"), "damselfly-sec-" + System.nanoTime());
		String[] sha = new String[1];
		String url = cluster.serve("out.bin", 1000, true, true, null, sha);
		HttpResponse<String> response = send("POST", cluster.node("peer-1").url() + "/api/v1/downloads",
				"{\"url\":\"" + url + "\",\"output\":\"" + target + "\"}", null);
		assertThat(response.statusCode()).as(response.body()).isEqualTo(400);
		assertThat(response.body()).contains("allowed-output-dirs");
		Thread.sleep(500);
		assertThat(target).doesNotExist();
	}

	@Test
	void originsAtMetadataLinkLocalOrPrivateAddressesAreRefusedBeforeAnyConnection() throws Exception {
		// Each refused at the resolver, before a packet is sent: the test never reaches these addresses.
		String[][] cases = { { "http://169.254.169.254/latest/meta-data/", "link-local" },
				{ "http://[::ffff:169.254.169.254]/latest/meta-data/", "link-local" },
				{ "http://[fd00:ec2::254]/latest/meta-data/", "link-local" },
				{ "http://10.255.255.1:8080/file.bin", "allow-private" },
				{ "http://192.168.0.1/file.bin", "allow-private" } };
		for (String[] c : cases) {
			long start = System.nanoTime();
			HttpResponse<String> response = send("POST", cluster.node("peer-1").url() + "/api/v1/downloads",
					"{\"url\":\"" + c[0] + "\"}", null);
			assertThat(response.statusCode()).as(c[0] + " " + response.body()).isEqualTo(400);
			assertThat(response.headers().firstValue("Content-Type").orElse("")).startsWith("application/problem+json");
			assertThat(response.body()).as(c[0]).contains(c[1]);
			// Refused, not timed out: a connection attempt to these would take the origin timeout.
			assertThat(Duration.ofNanos(System.nanoTime() - start)).as(c[0]).isLessThan(Duration.ofSeconds(5));
		}
	}

	/**
	 * Content first fetched with credentials reaches a second peer's caller only once the origin accepted
	 * that caller's own credentials: digest-pinned, so the freshness check never asks the origin and the
	 * private-content rule alone decides. The origin still sends the file about once.
	 */
	@Test
	void privateContentIsServedOnlyToCallersTheOriginAccepts() throws Exception {
		long size = 3 * 1024 * 1024 + 17;
		String[] sha = new String[1];
		String url = cluster.serve("private.bin", size, true, true, "Authorization: Bearer right", sha);
		String digest = "sha256:" + sha[0];
		Path out = cluster.dir.resolve("out").resolve("private");
		Files.createDirectories(out);
		DownloadRunner.Result first = DownloadRunner.run(new PeerApi(cluster.node("peer-1").url()),
				new DownloadRequest(url, digest, null, null, Map.of("Authorization", "Bearer right"), null),
				out.resolve("peer-1.bin"), Duration.ofMinutes(2), (s) -> {
				});
		assertThat(first.status().state()).as(first.status().toString()).isEqualTo(DownloadState.SUCCEEDED);
		assertThat(first.sha256()).isEqualTo(sha[0]);

		String peer2 = cluster.node("peer-2").url() + "/api/v1/downloads";
		for (String headers : List.of("{}", "{\"Authorization\":\"Bearer wrong\"}", "{\"Cookie\":\"session=x\"}")) {
			for (String pinned : List.of(",\"digest\":\"" + digest + "\"", "")) {
				HttpResponse<String> refused = send("POST", peer2,
						"{\"url\":\"" + url + "\"" + pinned + ",\"headers\":" + headers + "}", null);
				System.out.println("private content, headers " + headers + (pinned.isEmpty() ? "" : ", digest pinned")
						+ " -> " + refused.statusCode() + " " + refused.body());
				assertThat(refused.statusCode()).as(headers + pinned + " " + refused.body()).isEqualTo(401);
				assertThat(refused.headers().firstValue("Content-Type").orElse("")).startsWith("application/problem+json");
			}
		}

		DownloadRunner.Result second = DownloadRunner.run(new PeerApi(cluster.node("peer-2").url()),
				new DownloadRequest(url, digest, null, null, Map.of("Authorization", "Bearer right"), null),
				out.resolve("peer-2.bin"), Duration.ofMinutes(2), (s) -> {
				});
		assertThat(second.status().state()).as(second.status().toString()).isEqualTo(DownloadState.SUCCEEDED);
		assertThat(second.sha256()).isEqualTo(sha[0]);
		assertThat(second.status().bytesFromOrigin()).as("the second copy came from peers").isZero();
		assertThat(cluster.origin.bytesSent("private.bin")).isLessThanOrEqualTo((long) (size * 1.05));
		JsonNode task = Http.JSON.readTree(send("GET", cluster.node("scheduler-1").url() + "/api/v1/tasks/"
				+ first.status().taskId(), null, admin).body());
		assertThat(task.path("privateContent").asBoolean()).as(task.toString()).isTrue();
	}

	private void expectProblem(List<String> failures, Case c, String what, HttpResponse<String> response, int status) {
		String type = response.headers().firstValue("Content-Type").orElse("");
		if (response.statusCode() != status || !type.startsWith("application/problem+json")
				|| !response.body().contains("\"detail\"")) {
			failures.add(c.method + " " + c.url + " " + what + " -> " + response.statusCode() + " " + type + " "
					+ response.body());
		}
	}

	private HttpResponse<String> send(String method, String url, String body, String token) throws Exception {
		HttpRequest.Builder builder = HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(10))
			.header("Content-Type", "application/json")
			.method(method, (body != null) ? HttpRequest.BodyPublishers.ofString(body) : HttpRequest.BodyPublishers.noBody());
		if (token != null) {
			builder.header("Authorization", "Bearer " + token);
		}
		return http.send(builder.build(), HttpResponse.BodyHandlers.ofString());
	}

	private String secret(String kind) throws Exception {
		return Files.readString(cluster.cluster.runDir().resolve("secrets").resolve(kind)).trim();
	}

	/** A token from the manager for the role the secret buys; a host's names its host id as subject. */
	private String token(String role, String secret, String subject) throws Exception {
		String named = (subject != null) ? ",\"subject\":\"" + subject + "\"" : "";
		HttpResponse<String> response = send("POST", cluster.state.managerUrl() + "/api/v1/auth/token",
				"{\"role\":\"" + role + "\",\"secret\":\"" + secret + "\"" + named + "}", null);
		assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
		return Http.JSON.readTree(response.body()).get("token").asString();
	}

	/** A well-formed ES256 admin token, signed by a key that is not the manager's. */
	private static String forgedAdminToken() throws Exception {
		KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
		generator.initialize(new ECGenParameterSpec("secp256r1"));
		var pair = generator.generateKeyPair();
		Base64.Encoder b64 = Base64.getUrlEncoder().withoutPadding();
		long now = Instant.now().getEpochSecond();
		String header = b64.encodeToString("{\"alg\":\"ES256\",\"typ\":\"JWT\"}".getBytes(StandardCharsets.UTF_8));
		String claims = b64.encodeToString(("{\"iss\":\"damselfly\",\"sub\":\"mallory\",\"role\":\"admin\",\"iat\":" + now
				+ ",\"exp\":" + (now + 600) + "}").getBytes(StandardCharsets.UTF_8));
		Signature signer = Signature.getInstance("SHA256withECDSAinP1363Format");
		signer.initSign(pair.getPrivate());
		signer.update((header + "." + claims).getBytes(StandardCharsets.US_ASCII));
		return header + "." + claims + "." + b64.encodeToString(signer.sign());
	}

	private record Case(String method, String url, String body, String wrong, String right) {
	}

}
