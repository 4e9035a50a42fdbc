package io.damselfly.peer.it;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;

import io.damselfly.common.digest.Digests;
import io.damselfly.common.download.DownloadAccepted;
import io.damselfly.common.download.DownloadState;
import io.damselfly.peer.support.PeerDaemon;
import io.damselfly.peer.support.StandInScheduler;
import io.damselfly.peer.support.TestOrigin;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import org.springframework.http.MediaType;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A daemon runs at most {@code damselfly.peer.max-active-tasks} tasks: a flood of distinct URLs gets
 * 503 problems once the cap is reached, while a request that joins a running task is always taken.
 */
class TaskLimitTests {

	@TempDir
	Path dir;

	@Test
	void aRequestForOneTaskTooManyIsA503ButJoiningARunningTaskIsNot() {
		byte[] first = "first task, slow at the origin".getBytes();
		byte[] second = "second task".getBytes();
		try (TestOrigin origin = new TestOrigin().put("first", first).put("second", second);
				StandInScheduler scheduler = new StandInScheduler();
				PeerDaemon peer = new PeerDaemon("peer-cap", scheduler.url(), dir.resolve("cap"),
						Map.of("damselfly.peer.max-active-tasks", "1"))) {
			origin.delay(Duration.ofSeconds(3));
			// Digest-pinned, so no origin question delays the start: the task runs at once.
			Map<String, Object> pinFirst = Map.of("digest", "sha256:" + Digests.sha256Hex(first));
			DownloadAccepted running = peer.download(origin.url("first"), pinFirst);

			peer.client.post().uri("/api/v1/downloads").contentType(MediaType.APPLICATION_JSON)
				.bodyValue(Map.of("url", origin.url("second"), "digest", "sha256:" + Digests.sha256Hex(second)))
				.exchange()
				.expectStatus().isEqualTo(503)
				.expectHeader().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON)
				.expectBody().jsonPath("$.detail").value((detail) -> assertThat(String.valueOf(detail))
					.contains("already runs 1 tasks"));
			DownloadAccepted joined = peer.download(origin.url("first"), pinFirst);
			assertThat(joined.taskId()).isEqualTo(running.taskId());

			assertThat(peer.await(running.id()).state()).isEqualTo(DownloadState.SUCCEEDED);
			assertThat(peer.await(joined.id()).state()).isEqualTo(DownloadState.SUCCEEDED);
			origin.delay(Duration.ZERO);
			DownloadAccepted after = peer.download(origin.url("second"),
					Map.of("digest", "sha256:" + Digests.sha256Hex(second)));
			assertThat(peer.await(after.id()).state()).as("once the first task ended").isEqualTo(DownloadState.SUCCEEDED);
		}
	}

}
