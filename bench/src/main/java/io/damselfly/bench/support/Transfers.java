package io.damselfly.bench.support;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import io.damselfly.cli.http.PeerApi;
import io.damselfly.common.digest.Digests;
import io.damselfly.common.download.DownloadAccepted;
import io.damselfly.common.download.DownloadRequest;
import io.damselfly.common.download.DownloadState;
import io.damselfly.common.download.DownloadStatus;
import org.jspecify.annotations.Nullable;

/** The transfers a bench times: a download through a peer daemon, and {@code curl -o}. */
public final class Transfers {

	private Transfers() {
	}

	/**
	 * A download through a peer, timed from the request to the status SUCCEEDED (the file verified piece
	 * by piece and whole, on the peer's disk).
	 *
	 * @param status the final status
	 * @param seconds wall time
	 */
	public record PeerDownload(DownloadStatus status, double seconds) {

		public boolean succeeded() {
			return status.state() == DownloadState.SUCCEEDED;
		}

	}

	/**
	 * Starts a download and waits for its end (or the timeout). The peer holds each status request until the
	 * download ends or {@link #WAIT_SECONDS} pass ({@code ?wait=}), so the end is seen as it happens, and a
	 * waiting bench costs the peer one request per {@value #WAIT_SECONDS} s instead of several a second.
	 */
	public static PeerDownload throughPeer(String peerUrl, String url, @Nullable String tag, Duration timeout) {
		PeerApi peer = new PeerApi(peerUrl);
		long start = System.nanoTime();
		DownloadAccepted accepted = peer.start(new DownloadRequest(url, null, tag, null, Map.of(), null));
		long deadline = start + timeout.toNanos();
		DownloadStatus status = peer.status(accepted.id());
		while (status.state() == DownloadState.PENDING || status.state() == DownloadState.RUNNING) {
			if (System.nanoTime() > deadline) {
				throw new IllegalStateException("download on " + peerUrl + " not finished after " + timeout + ": "
						+ status.completedBytes() + "/" + status.contentLength() + " bytes");
			}
			status = peer.status(accepted.id(), WAIT_SECONDS);
		}
		return new PeerDownload(status, (System.nanoTime() - start) / 1e9);
	}

	/** How long one status request waits for the end; under the CLI client's 5 s request timeout. */
	static final int WAIT_SECONDS = 2;

	/**
	 * The whole-file SHA-256 the peer computes for a succeeded download when asked (given at once when the
	 * request named a digest), polled for up to two minutes; null if it never came.
	 */
	public static @Nullable String awaitSha256(String peerUrl, String downloadId) {
		PeerApi peer = new PeerApi(peerUrl);
		long deadline = System.nanoTime() + Duration.ofMinutes(2).toNanos();
		DownloadStatus status = peer.statusWithSha256(downloadId);
		while (status.sha256() == null && System.nanoTime() < deadline) {
			BenchCluster.sleep(100);
			status = peer.statusWithSha256(downloadId);
		}
		return status.sha256();
	}

	/**
	 * One {@code curl} run.
	 *
	 * @param exit curl's exit code
	 * @param seconds wall time of the process
	 * @param bytes bytes curl says it downloaded
	 */
	public record Curl(int exit, double seconds, long bytes) {
	}

	/** Runs {@code curl -s -o <out> <urls...>} (URL globs allowed) and times it. */
	public static Process curlStart(Path out, String... urls) {
		return curlStartWithToken(out, null, urls);
	}

	/**
	 * The same, with the cluster's token on every request: for a node's own API (its piece API refuses a
	 * call without one), never for an origin, so the token stays inside the cluster.
	 */
	public static Process curlStartWithToken(Path out, @Nullable String token, String... urls) {
		List<String> command = new ArrayList<>(List.of("curl", "-s", "-S", "--fail", "-o", out.toString(), "-w",
				"%{size_download}\\n"));
		if (token != null) {
			command.addAll(List.of("-H", "Authorization: Bearer " + token));
		}
		command.addAll(List.of(urls));
		try {
			return new ProcessBuilder(command).redirectErrorStream(true).start();
		}
		catch (IOException ex) {
			throw new UncheckedIOException("cannot run curl (is it installed?)", ex);
		}
	}

	/** Waits for a curl started at {@code startNanos}; bytes are summed over every URL it fetched. */
	public static Curl curlAwait(Process process, long startNanos) {
		try {
			String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
			int exit = process.waitFor();
			double seconds = (System.nanoTime() - startNanos) / 1e9;
			long bytes = 0;
			for (String line : output.split("\n")) {
				if (line.matches("\\d+")) {
					bytes += Long.parseLong(line);
				}
			}
			if (exit != 0) {
				System.out.println("  curl exited " + exit + ": " + output.strip());
			}
			return new Curl(exit, seconds, bytes);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException(ex);
		}
	}

	public static Curl curl(Path out, String url) {
		long start = System.nanoTime();
		return curlAwait(curlStart(out, url), start);
	}

	public static String sha256(Path file) {
		MessageDigest sha = Digests.newSha256();
		ByteBuffer buffer = ByteBuffer.allocateDirect(1 << 20);
		try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ)) {
			while (channel.read(buffer.clear()) >= 0) {
				sha.update(buffer.flip());
			}
		}
		catch (IOException ex) {
			throw new UncheckedIOException("cannot read " + file, ex);
		}
		return Digests.hex(sha);
	}

	public static void delete(Path file) {
		try {
			Files.deleteIfExists(file);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	/**
	 * Writes every dirty page back ({@code sync}), untimed, so the next timed transfer starts from the same
	 * page-cache state as the one it is compared with: without it, whichever ran second found the other's
	 * gigabyte still dirty and was held to the disk's pace by writeback throttling.
	 */
	public static void settleDisk() {
		try {
			Process sync = new ProcessBuilder("sync").inheritIO().start();
			if (sync.waitFor() != 0) {
				throw new IllegalStateException("sync exited with " + sync.exitValue());
			}
		}
		catch (IOException ex) {
			throw new UncheckedIOException("cannot run sync", ex);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException("interrupted while syncing", ex);
		}
	}

}
