package io.damselfly.peer.it;

import java.nio.file.Path;
import java.util.Map;

import io.damselfly.common.download.DownloadAccepted;
import io.damselfly.common.download.DownloadState;
import io.damselfly.common.host.HealthStatus;
import io.damselfly.peer.support.PeerDaemon;
import io.damselfly.peer.support.StandInScheduler;
import io.damselfly.peer.support.TestOrigin;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import org.springframework.http.MediaType;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A node whose disk is over the threshold is DOWN: readiness says so with the reason, the host
 * announce carries it, and piece requests are refused with 503 rather than served from a sick disk.
 */
class PeerHealthTests {

	@TempDir
	Path dir;

	@Test
	void diskOverThresholdTurnsTheNodeDownAndPiecesAreRefused() {
		try (TestOrigin origin = new TestOrigin(); StandInScheduler scheduler = new StandInScheduler();
				PeerDaemon peer = new PeerDaemon("peer-sick", scheduler.url(), dir.resolve("sick"),
						Map.of("damselfly.health.disk-threshold-percent", "1"))) {
			origin.put("f", new byte[1000]);
			DownloadAccepted accepted = peer.download(origin.url("f"), Map.of());
			assertThat(peer.await(accepted.id()).state()).isEqualTo(DownloadState.SUCCEEDED);
			peer.client.get().uri("/actuator/health/readiness").exchange().expectStatus().isEqualTo(503).expectBody()
				.jsonPath("$.components.diskSpace.status").isEqualTo("DOWN")
				.jsonPath("$.components.diskSpace.details.reason").value((r) -> assertThat(String.valueOf(r))
					.matches("used \\d+% of (volume|capacity) >= 1%"))
				.jsonPath("$.components.diskIo.status").isEqualTo("UP");
			PeerDaemon.sleep(1500);
			peer.client.get().uri("/api/v1/tasks/{id}/pieces/0", accepted.taskId()).exchange().expectStatus()
				.isEqualTo(503).expectHeader().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON);
			assertThat(scheduler.host("peer-sick").health().status()).isEqualTo(HealthStatus.DOWN);
			assertThat(scheduler.host("peer-sick").health().reason()).startsWith("diskSpace: used");
		}
	}

}
