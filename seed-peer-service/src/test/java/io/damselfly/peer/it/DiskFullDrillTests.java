package io.damselfly.peer.it;

import java.nio.file.Path;
import java.util.Map;
import java.util.Random;

import io.damselfly.common.download.DownloadAccepted;
import io.damselfly.common.download.DownloadState;
import io.damselfly.common.host.HealthStatus;
import io.damselfly.common.node.NodeType;
import io.damselfly.peer.support.PeerDaemon;
import io.damselfly.peer.support.StandInManager;
import io.damselfly.peer.support.StandInScheduler;
import io.damselfly.peer.support.TestOrigin;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import org.springframework.http.MediaType;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The disk-full drill without filling a real disk: a small {@code damselfly.storage.capacity} makes a
 * seed "full" once it stores a file. It reports readiness DOWN with the reason the manager ejects it for,
 * announces DOWN to schedulers, and refuses to upload pieces with 503. One daemon at a time: closing a
 * daemon disposes reactor-netty's shared resources in this JVM.
 */
class DiskFullDrillTests {

	static final int KIB = 1024;

	@TempDir
	Path dir;

	static byte[] bytes(int length) {
		byte[] data = new byte[length];
		new Random(length).nextBytes(data);
		return data;
	}

	@Test
	void seedFilledPastItsCapacityIsDownWithTheReasonAndRefusesUploads() {
		try (TestOrigin origin = new TestOrigin(); StandInScheduler scheduler = new StandInScheduler();
				StandInManager manager = new StandInManager();
				PeerDaemon seed = new PeerDaemon("seed-full", scheduler.url(), dir.resolve("seed"),
						Map.of("damselfly.peer.mode", "seed", "damselfly.manager.url", manager.url(),
								"damselfly.storage.capacity", "1MB"))) {
			seed.operator.get().uri("/actuator/health/readiness").exchange().expectStatus().isOk();
			origin.put("layer", bytes(900 * KIB));
			DownloadAccepted accepted = seed.download(origin.url("layer"), Map.of());
			assertThat(seed.await(accepted.id()).state()).isEqualTo(DownloadState.SUCCEEDED);

			seed.operator.get().uri("/actuator/health/readiness").exchange().expectStatus().isEqualTo(503).expectBody()
				.jsonPath("$.status").isEqualTo("DOWN")
				.jsonPath("$.components.diskSpace.status").isEqualTo("DOWN")
				.jsonPath("$.components.diskSpace.details.reason")
				.isEqualTo("used 87% > 85% (storage capacity 900.0 KB of 1.0 MB)");
			PeerDaemon.sleep(1500);
			seed.client.get().uri("/api/v1/tasks/{id}/pieces/0", accepted.taskId()).exchange().expectStatus()
				.isEqualTo(503).expectHeader().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON)
				.expectBody().jsonPath("$.detail")
				.isEqualTo("node is DOWN: diskSpace: used 87% > 85% (storage capacity 900.0 KB of 1.0 MB)");
			assertThat(scheduler.host("seed-full").health().status()).isEqualTo(HealthStatus.DOWN);
			assertThat(scheduler.host("seed-full").health().reason())
				.isEqualTo("diskSpace: used 87% > 85% (storage capacity 900.0 KB of 1.0 MB)");
			assertThat(manager.nodes().values()).anyMatch((node) -> node.type() == NodeType.SEED_PEER);
		}
	}

	@Test
	void capacityLoweredBelowWhatIsStoredTurnsTheNodeDownAfterARestart() {
		Path storage = dir.resolve("lowered");
		String taskId;
		try (TestOrigin origin = new TestOrigin(); StandInScheduler scheduler = new StandInScheduler()) {
			origin.put("big", bytes(2048 * KIB));
			try (PeerDaemon peer = new PeerDaemon("peer-lowered", scheduler.url(), storage)) {
				DownloadAccepted accepted = peer.download(origin.url("big"), Map.of());
				assertThat(peer.await(accepted.id()).state()).isEqualTo(DownloadState.SUCCEEDED);
				peer.operator.get().uri("/actuator/health/readiness").exchange().expectStatus().isOk();
				taskId = accepted.taskId();
			}
		}
		try (StandInScheduler scheduler = new StandInScheduler();
				PeerDaemon restarted = new PeerDaemon("peer-lowered", scheduler.url(), storage,
						Map.of("damselfly.storage.capacity", "1MB"))) {
			restarted.operator.get().uri("/actuator/health/readiness").exchange().expectStatus().isEqualTo(503)
				.expectBody()
				.jsonPath("$.components.diskSpace.details.reason")
				.isEqualTo("used 200% > 85% (storage capacity 2.0 MB of 1.0 MB)")
				.jsonPath("$.components.diskSpace.details.usedPercent").isEqualTo(100.0);
			PeerDaemon.sleep(1500);
			restarted.client.get().uri("/api/v1/tasks/{id}/pieces/0", taskId).exchange().expectStatus().isEqualTo(503);
		}
	}

}
