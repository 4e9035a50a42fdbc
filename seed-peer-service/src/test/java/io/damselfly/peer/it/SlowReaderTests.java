package io.damselfly.peer.it;

import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Random;

import io.damselfly.common.download.DownloadAccepted;
import io.damselfly.common.download.DownloadState;
import io.damselfly.peer.support.PeerDaemon;
import io.damselfly.peer.support.StandInScheduler;
import io.damselfly.peer.support.TestOrigin;
import io.damselfly.testsupport.security.TestTokens;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A child that stops reading a piece holds an upload slot only for {@code damselfly.peer.serve.upload-timeout}:
 * then its connection is closed and the slot is free for the next child. The piece (32 MiB) is larger
 * than the loopback socket buffers, so the upload really waits on the reader.
 */
class SlowReaderTests {

	private static final int SIZE = 32 * 1024 * 1024;

	@TempDir
	Path dir;

	@Test
	void aStalledReaderLosesItsUploadSlotAfterTheUploadTimeout() throws Exception {
		byte[] data = new byte[SIZE];
		new Random(21).nextBytes(data);
		try (TestOrigin origin = new TestOrigin().put("big", data);
				StandInScheduler scheduler = new StandInScheduler();
				PeerDaemon peer = new PeerDaemon("peer-slow", scheduler.url(), dir.resolve("slow"),
						Map.of("damselfly.peer.upload-slots", "1", "damselfly.peer.min-piece-size", "32MB",
								"damselfly.peer.serve.upload-timeout", "2s"))) {
			DownloadAccepted accepted = peer.download(origin.url("big"), Map.of());
			assertThat(peer.await(accepted.id()).state()).isEqualTo(DownloadState.SUCCEEDED);
			String piece = "/api/v1/tasks/" + accepted.taskId() + "/pieces/0";

			try (Socket stalled = new Socket()) {
				stalled.setReceiveBufferSize(64 * 1024);
				stalled.connect(new InetSocketAddress("127.0.0.1", peer.port));
				OutputStream out = stalled.getOutputStream();
				out.write(("GET " + piece + " HTTP/1.1\r\nHost: 127.0.0.1\r\nAuthorization: "
						+ TestTokens.shared().bearer("peer") + "\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
				out.flush();
				PeerDaemon.sleep(500);

				peer.client.get().uri(piece).exchange().expectStatus().isEqualTo(503).expectBody()
					.jsonPath("$.detail").value((detail) -> assertThat(String.valueOf(detail)).contains("upload slots"));

				long stalledAt = System.nanoTime();
				long read = drainUntilClosed(stalled, Duration.ofSeconds(20));
				assertThat(read).as("cut off before the whole piece").isLessThan(SIZE);
				assertThat(Duration.ofNanos(System.nanoTime() - stalledAt)).isLessThan(Duration.ofSeconds(15));
			}

			byte[] body = peer.client.get().uri(piece).exchange().expectStatus().isOk().expectBody(byte[].class)
				.returnResult().getResponseBody();
			assertThat(body).as("the freed slot serves the next child").hasSize(SIZE);
		}
	}

	/** Reads what the server already sent, until it closes the connection; the bytes read. */
	private static long drainUntilClosed(Socket socket, Duration limit) throws Exception {
		socket.setSoTimeout(200);
		InputStream in = socket.getInputStream();
		byte[] buffer = new byte[64 * 1024];
		long total = 0;
		long deadline = System.nanoTime() + limit.toNanos();
		// Read slowly at first: the server must cut the upload, not see it finish.
		PeerDaemon.sleep(3000);
		while (System.nanoTime() < deadline) {
			try {
				int n = in.read(buffer);
				if (n < 0) {
					return total;
				}
				total += n;
			}
			catch (SocketTimeoutException ex) {
				// nothing yet; keep waiting for the close
			}
			catch (java.net.SocketException ex) {
				return total;
			}
		}
		throw new AssertionError("the server never closed the stalled connection (" + total + " bytes read)");
	}

}
