package io.damselfly.peer.it;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;

import io.damselfly.common.download.DownloadAccepted;
import io.damselfly.common.download.DownloadState;
import io.damselfly.peer.support.PeerDaemon;
import io.damselfly.peer.support.StandInScheduler;
import io.damselfly.peer.support.TestOrigin;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import org.springframework.http.MediaType;
import org.springframework.test.web.reactive.server.WebTestClient;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Bad input on every public endpoint is a 4xx problem body naming what is wrong, never a 500.
 */
class PeerApiValidationTests {

	static final String UNKNOWN_TASK = "a".repeat(64);

	@TempDir
	static Path dir;

	static TestOrigin origin;

	static StandInScheduler scheduler;

	static PeerDaemon peer;

	@BeforeAll
	static void start() {
		origin = new TestOrigin();
		scheduler = new StandInScheduler();
		peer = new PeerDaemon("peer-v", scheduler.url(), dir.resolve("v"));
	}

	@AfterAll
	static void stop() {
		peer.close();
		scheduler.close();
		origin.close();
	}

	static void problem(WebTestClient.ResponseSpec response, int status, String detailPart) {
		response.expectStatus().isEqualTo(status).expectHeader().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON)
			.expectBody().jsonPath("$.detail").value((detail) -> assertThat(String.valueOf(detail)).contains(detailPart));
	}

	WebTestClient.ResponseSpec post(Object body) {
		return peer.client.post().uri("/api/v1/downloads").contentType(MediaType.APPLICATION_JSON).bodyValue(body)
			.exchange();
	}

	@Test
	void badDownloadRequestsAreRefusedWithProblems() {
		problem(post(Map.of()), 400, "url is required");
		problem(post(Map.of("url", "ftp://example.com/x")), 400, "http or https");
		problem(post(Map.of("url", "not a url")), 400, "url");
		problem(post(Map.of("url", "http://example.com/x", "digest", "md5:abc")), 400, "digest");
		problem(post(Map.of("url", "http://example.com/x", "output", "relative/out")), 400, "absolute");
		problem(post(Map.of("url", "http://example.com/x", "output", "/etc/passwd")), 400, "must lie under");
		problem(post(Map.of("url", "http://example.com/x", "output", System.getProperty("java.io.tmpdir") + "/../etc/x")),
				400, "normalized");
		problem(post(Map.of("url", "http://example.com/x", "headers", Map.of("bad name", "v"))), 400, "header name");
		problem(post(Map.of("url", "http://example.com/x", "headers", 5)), 400, "malformed");
		problem(post("{\"url\": "), 400, "malformed");
	}

	@Test
	void badDownloadIdsAreRefusedAndUnknownOnesAreNotFound() {
		problem(peer.client.get().uri("/api/v1/downloads/{id}", "a..b").exchange(), 400, "download id");
		problem(peer.client.get().uri("/api/v1/downloads/{id}", "-x").exchange(), 400, "download id");
		problem(peer.client.get().uri("/api/v1/downloads/dl-0000").exchange(), 404, "no download");
		problem(peer.client.get().uri("/api/v1/downloads/dl-0000/content").exchange(), 404, "no download");
	}

	@Test
	void contentOfARunningDownloadIsAConflict() {
		origin.put("slow", new byte[10]).delay(Duration.ofSeconds(2));
		try {
			DownloadAccepted accepted = peer.download(origin.url("slow"), Map.of());
			problem(peer.client.get().uri("/api/v1/downloads/{id}/content", accepted.id()).exchange(), 409, "RUNNING");
			assertThat(peer.await(accepted.id()).state()).isEqualTo(DownloadState.SUCCEEDED);
		}
		finally {
			origin.delay(Duration.ZERO);
		}
	}

	@Test
	void badTaskIdsAndPieceNumbersAreRefused() {
		origin.put("held", new byte[70 * 1024]);
		DownloadAccepted accepted = peer.download(origin.url("held"), Map.of());
		assertThat(peer.await(accepted.id()).state()).isEqualTo(DownloadState.SUCCEEDED);
		String task = accepted.taskId();
		problem(peer.client.get().uri("/api/v1/tasks/{id}", "xyz").exchange(), 400, "task id");
		problem(peer.client.get().uri("/api/v1/tasks/{id}", UNKNOWN_TASK.toUpperCase()).exchange(), 400, "task id");
		problem(peer.client.get().uri("/api/v1/tasks/{id}", UNKNOWN_TASK).exchange(), 404, "not held");
		// Spring Security's firewall refuses a '..' segment before the handler: still a 400 problem.
		problem(peer.client.get().uri("/api/v1/tasks/{id}/pieces/0", "..").exchange(), 400, "path was refused");
		problem(peer.client.get().uri("/api/v1/tasks/{id}/pieces/0", UNKNOWN_TASK).exchange(), 404, "not held");
		problem(peer.client.get().uri("/api/v1/tasks/{id}/pieces/abc", task).exchange(), 400, "piece number");
		problem(peer.client.get().uri("/api/v1/tasks/{id}/pieces/-1", task).exchange(), 400, "piece number");
		problem(peer.client.get().uri("/api/v1/tasks/{id}/pieces/99999999", task).exchange(), 400, "piece number");
		problem(peer.client.get().uri("/api/v1/tasks/{id}/pieces/2", task).exchange(), 400, "out of range");
		byte[] piece = peer.client.get().uri("/api/v1/tasks/{id}/pieces/1", task).exchange().expectStatus().isOk()
			.expectHeader().contentLength(70 * 1024 - 64 * 1024).expectBody(byte[].class).returnResult()
			.getResponseBody();
		assertThat(piece).hasSize(6 * 1024);
		peer.client.get().uri("/api/v1/tasks/{id}", task).exchange().expectStatus().isOk().expectBody()
			.jsonPath("$.complete").isEqualTo(true).jsonPath("$.pieceCount").isEqualTo(2);
	}

	@Test
	void openApiDescribesTheDownloadApiWithProblemDetails() {
		peer.client.get().uri("/v3/api-docs").exchange().expectStatus().isOk().expectBody()
			.jsonPath("$.paths['/api/v1/downloads'].post").exists()
			.jsonPath("$.components.schemas.ProblemDetail").exists();
	}

}
