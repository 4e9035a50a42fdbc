package io.damselfly.peer.it;

import java.nio.file.Path;
import java.util.Map;
import java.util.Random;

import io.damselfly.common.digest.Digests;
import io.damselfly.common.download.DownloadAccepted;
import io.damselfly.common.download.DownloadState;
import io.damselfly.common.download.DownloadStatus;
import io.damselfly.common.peer.FailureKind;
import io.damselfly.peer.serve.PieceController;
import io.damselfly.peer.support.PeerDaemon;
import io.damselfly.peer.support.StandInScheduler;
import io.damselfly.peer.support.TestOrigin;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import org.springframework.beans.factory.BeanCreationException;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * The drill-only {@code damselfly.fault.corrupt-uploads} switch: a normal peer with it on serves every
 * piece flipped (right length, right digest header, wrong bytes), children catch it by SHA-256 and
 * report it; a seed with it on refuses to start.
 */
class CorruptUploadsTests {

	static final int PIECE = 64 * 1024;

	@TempDir
	Path dir;

	@Test
	void aPeerWithCorruptUploadsServesFlippedBytesThatChildrenRefuse() {
		byte[] data = new byte[3 * PIECE + 17];
		new Random(11).nextBytes(data);
		try (TestOrigin origin = new TestOrigin(); StandInScheduler scheduler = new StandInScheduler();
				PeerDaemon liar = new PeerDaemon("peer-liar", scheduler.url(), dir.resolve("liar"),
						Map.of("damselfly.fault.corrupt-uploads", "true"));
				PeerDaemon child = new PeerDaemon("peer-child", scheduler.url(), dir.resolve("child"))) {
			origin.put("f", data);
			DownloadAccepted first = liar.download(origin.url("f"), Map.of());
			DownloadStatus fetched = liar.await(first.id());
			assertThat(fetched.state()).isEqualTo(DownloadState.SUCCEEDED);
			assertThat(liar.awaitSha256(first.id())).isEqualTo(Digests.sha256Hex(data));

			byte[] served = liar.client.get().uri("/api/v1/tasks/{id}/pieces/0", first.taskId()).exchange()
				.expectStatus().isOk()
				.expectHeader().valueEquals(PieceController.DIGEST_HEADER,
						Digests.sha256Hex(java.util.Arrays.copyOf(data, PIECE)))
				.expectHeader().contentLength(PIECE)
				.expectBody(byte[].class).returnResult().getResponseBody();
			assertThat(served).hasSize(PIECE);
			for (int i = 0; i < PIECE; i++) {
				assertThat(served[i]).isEqualTo((byte) ~data[i]);
			}

			DownloadAccepted second = child.download(origin.url("f"), Map.of());
			DownloadStatus status = child.await(second.id());
			assertThat(status.state()).isEqualTo(DownloadState.FAILED);
			assertThat(status.bytesFromPeers()).isZero();
			assertThat(status.completedBytes()).isZero();
			assertThat(scheduler.results).anyMatch((r) -> r.parentPeerId() != null
					&& r.parentPeerId().startsWith("peer-liar-") && !r.success()
					&& r.failure() == FailureKind.DIGEST_MISMATCH);
		}
	}

	@Test
	void aSeedWithCorruptUploadsRefusesToStart() {
		try (StandInScheduler scheduler = new StandInScheduler()) {
			assertThatExceptionOfType(BeanCreationException.class)
				.isThrownBy(() -> new PeerDaemon("seed-liar", scheduler.url(), dir.resolve("seed"),
						Map.of("damselfly.peer.mode", "seed", "damselfly.fault.corrupt-uploads", "true")))
				.havingRootCause()
				.withMessageContaining("damselfly.fault.corrupt-uploads=true is refused in seed mode");
		}
	}

}
