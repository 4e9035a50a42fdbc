package io.damselfly.cli.http;

import java.nio.file.Path;
import java.time.Duration;
import java.util.function.Consumer;

import io.damselfly.common.download.DownloadAccepted;
import io.damselfly.common.download.DownloadRequest;
import io.damselfly.common.download.DownloadState;
import io.damselfly.common.download.DownloadStatus;
import org.jspecify.annotations.Nullable;

/**
 * Runs one download through a peer daemon end to end: start it, follow its progress, and stream the
 * content to a file while hashing it, so the caller checks the SHA-256 of what it really received.
 */
public final class DownloadRunner {

	private DownloadRunner() {
	}

	/**
	 * The outcome.
	 *
	 * @param status the peer's final status
	 * @param sha256 hex SHA-256 of the bytes written to the output, or null when it failed
	 * @param elapsed wall time from start to the end of the copy
	 */
	public record Result(DownloadStatus status, @Nullable String sha256, Duration elapsed) {

		public boolean succeeded() {
			return status.state() == DownloadState.SUCCEEDED && sha256 != null;
		}

	}

	public static Result run(PeerApi peer, DownloadRequest request, Path output, Duration timeout,
			Consumer<DownloadStatus> progress) {
		long started = System.nanoTime();
		DownloadAccepted accepted = peer.start(request);
		long deadline = started + timeout.toNanos();
		DownloadStatus status = peer.status(accepted.id());
		while (status.state() != DownloadState.SUCCEEDED && status.state() != DownloadState.FAILED) {
			if (System.nanoTime() > deadline) {
				throw new IllegalStateException("download " + accepted.id() + " on " + peer.baseUrl()
						+ " not finished after " + timeout.toSeconds() + " s: " + status.state() + " "
						+ status.completedBytes() + "/" + status.contentLength() + " bytes");
			}
			progress.accept(status);
			// Held by the peer until the end or a second: progress once a second, the end at once. A peer that
			// does not hold it (an older one) is still asked no more than ten times a second.
			long asked = System.nanoTime();
			status = peer.status(accepted.id(), 1);
			long tookMillis = (System.nanoTime() - asked) / 1_000_000;
			if (tookMillis < 100 && status.state() != DownloadState.SUCCEEDED && status.state() != DownloadState.FAILED) {
				sleep(100 - tookMillis);
			}
		}
		progress.accept(status);
		String sha = (status.state() == DownloadState.SUCCEEDED) ? peer.content(accepted.id(), output) : null;
		return new Result(status, sha, Duration.ofNanos(System.nanoTime() - started));
	}

	private static void sleep(long millis) {
		try {
			Thread.sleep(millis);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException("interrupted", ex);
		}
	}

}
