package io.damselfly.peer.it;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Map;

import io.damselfly.common.download.DownloadAccepted;
import io.damselfly.common.download.DownloadState;
import io.damselfly.common.host.HealthStatus;
import io.damselfly.peer.health.WriteFailureLatch;
import io.damselfly.peer.support.PeerDaemon;
import io.damselfly.peer.support.StandInScheduler;
import io.damselfly.peer.support.TestOrigin;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import org.springframework.http.MediaType;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A node whose disk is over the threshold is DOWN: readiness says so with the reason, the host
 * announce carries it, and piece requests are refused with 503 rather than served from a sick disk. A
 * write that fails for lack of space turns it DOWN at once. Readiness lists every indicator with its
 * details, in the shape the manager's prober reads ({@code components.<name>.details.reason}).
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
			peer.operator.get().uri("/actuator/health/readiness").exchange().expectStatus().isEqualTo(503).expectBody()
				.jsonPath("$.components.diskSpace.status").isEqualTo("DOWN")
				.jsonPath("$.components.diskSpace.details.reason").value((r) -> assertThat(String.valueOf(r))
					.matches("used \\d+(\\.\\d)?% >=? 1% \\((volume|storage capacity .+)\\)"))
				.jsonPath("$.components.diskIo.status").isEqualTo("UP")
				.jsonPath("$.components.memory.status").isEqualTo("UP");
			PeerDaemon.sleep(1500);
			peer.client.get().uri("/api/v1/tasks/{id}/pieces/0", accepted.taskId()).exchange().expectStatus()
				.isEqualTo(503).expectHeader().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON);
			assertThat(scheduler.host("peer-sick").health().status()).isEqualTo(HealthStatus.DOWN);
			assertThat(scheduler.host("peer-sick").health().reason()).startsWith("diskSpace: used");
		}
	}

	@Test
	void aHealthyNodeListsEveryReadinessIndicatorWithItsFigures() {
		try (StandInScheduler scheduler = new StandInScheduler();
				PeerDaemon peer = new PeerDaemon("peer-fine", scheduler.url(), dir.resolve("fine"))) {
			peer.operator.get().uri("/actuator/health/readiness").exchange().expectStatus().isOk().expectBody()
				.jsonPath("$.status").isEqualTo("UP")
				.jsonPath("$.components.readinessState.status").isEqualTo("UP")
				.jsonPath("$.components.diskSpace.details.thresholdPercent").isEqualTo(85)
				.jsonPath("$.components.diskSpace.details.capacity").isEqualTo(10L * 1024 * 1024 * 1024)
				.jsonPath("$.components.diskIo.details.thresholdMillis").isEqualTo(500)
				.jsonPath("$.components.memory.details.thresholdPercent").isEqualTo(95)
				.jsonPath("$.components.memory.details.heapMax").value((max) -> assertThat(((Number) max).longValue())
					.isPositive());
		}
	}

	@Test
	void aWriteFailingForLackOfSpaceTurnsTheNodeDownAtOnce() {
		try (TestOrigin origin = new TestOrigin(); StandInScheduler scheduler = new StandInScheduler();
				PeerDaemon peer = new PeerDaemon("peer-enospc", scheduler.url(), dir.resolve("enospc"),
						Map.of("damselfly.health.io-probe-interval", "1h"))) {
			origin.put("g", new byte[1000]);
			DownloadAccepted accepted = peer.download(origin.url("g"), Map.of());
			assertThat(peer.await(accepted.id()).state()).isEqualTo(DownloadState.SUCCEEDED);
			peer.client.get().uri("/api/v1/tasks/{id}/pieces/0", accepted.taskId()).exchange().expectStatus().isOk();

			peer.bean(WriteFailureLatch.class).onWriteFailure(new IOException("No space left on device"));

			peer.client.get().uri("/api/v1/tasks/{id}/pieces/0", accepted.taskId()).exchange().expectStatus()
				.isEqualTo(503).expectBody().jsonPath("$.detail")
				.isEqualTo("node is DOWN: diskIo: write failed: No space left on device");
			peer.operator.get().uri("/actuator/health/readiness").exchange().expectStatus().isEqualTo(503).expectBody()
				.jsonPath("$.components.diskIo.status").isEqualTo("DOWN")
				.jsonPath("$.components.diskIo.details.reason").isEqualTo("write failed: No space left on device");
		}
	}

}
