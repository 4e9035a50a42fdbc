package io.damselfly.peer.it;

import java.nio.file.Path;
import java.util.Map;

import io.damselfly.common.digest.Digests;
import io.damselfly.common.download.DownloadAccepted;
import io.damselfly.common.download.DownloadState;
import io.damselfly.peer.support.PeerDaemon;
import io.damselfly.peer.support.StandInScheduler;
import io.damselfly.peer.support.TestOrigin;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Task data and metadata survive a restart. In a class of its own: closing a daemon in this JVM
 * disposes reactor-netty's shared resources, which would stop other daemons of the same JVM.
 */
class PeerRestartTests {

	@TempDir
	Path dir;

	@Test
	void storedTaskSurvivesARestartAndCompletesWithoutTheNetwork() {
		try (TestOrigin origin = new TestOrigin(); StandInScheduler scheduler = new StandInScheduler()) {
			run(origin, scheduler);
		}
	}

	private void run(TestOrigin origin, StandInScheduler scheduler) {
		byte[] data = new byte[3 * 64 * 1024 + 1];
		new java.util.Random(9).nextBytes(data);
		origin.put("restart", data);
		Path storage = dir.resolve("restart");
		String taskId;
		try (PeerDaemon first = new PeerDaemon("peer-r", scheduler.url(), storage)) {
			DownloadAccepted accepted = first.download(origin.url("restart"), Map.of());
			assertThat(first.await(accepted.id()).state()).isEqualTo(DownloadState.SUCCEEDED);
			taskId = accepted.taskId();
		}
		long served = origin.bytesSent();
		try (PeerDaemon second = new PeerDaemon("peer-r", scheduler.url(), storage)) {
			second.client.get().uri("/api/v1/tasks/{id}", taskId).exchange().expectStatus().isOk().expectBody()
				.jsonPath("$.complete").isEqualTo(true).jsonPath("$.contentLength").isEqualTo(data.length);
			DownloadAccepted again = second.download(origin.url("restart"), Map.of());
			var status = second.await(again.id());
			assertThat(status.state()).isEqualTo(DownloadState.SUCCEEDED);
			assertThat(second.awaitSha256(again.id())).isEqualTo(Digests.sha256Hex(data));
			assertThat(status.bytesFromOrigin() + status.bytesFromPeers()).isZero();
			assertThat(origin.bytesSent()).isEqualTo(served);
		}
	}

}
