package io.damselfly.cli.demo;

import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Stream;

import io.damselfly.cli.Format;
import io.damselfly.cli.cluster.ClusterPlan;
import io.damselfly.cli.cluster.ClusterState;
import io.damselfly.cli.cluster.LocalCluster;
import io.damselfly.cli.cluster.NodeKind;
import io.damselfly.cli.cluster.NodeRecord;
import io.damselfly.cli.http.DownloadRunner;
import io.damselfly.cli.http.PeerApi;
import io.damselfly.cli.origin.DemoOrigin;
import io.damselfly.common.download.DownloadRequest;
import org.jspecify.annotations.Nullable;

/**
 * {@code damselfly demo}: a cluster of 1 manager, 3 schedulers, 2 seeds, 3 peers and a gateway; an
 * origin serving a generated file; the three peers download it at once; every copy is checked with
 * SHA-256; the origin's egress is reported as a multiple of the file. Exit code 0 only when every copy
 * verified and the origin served at most 1.05 times the file.
 */
public final class Demo {

	/** The most the origin may serve, as a multiple of the file, for the demo to pass. */
	public static final double MAX_ORIGIN_RATIO = 1.05;

	private final Path home;

	private final Path runDir;

	private final PrintStream out;

	public Demo(Path home, Path runDir, PrintStream out) {
		this.home = home;
		this.runDir = runDir.toAbsolutePath();
		this.out = out;
	}

	public int run(long size, boolean keep, int portOffset, @Nullable String redisUrl) {
		return run(size, keep, portOffset, redisUrl, 1, false);
	}

	/**
	 * As {@link #run(long, boolean, int, String)}, with {@code managers} managers and, when
	 * {@code redisCluster}, a local Redis Cluster (3 masters, 3 replicas) instead of one Redis.
	 */
	public int run(long size, boolean keep, int portOffset, @Nullable String redisUrl, int managers,
			boolean redisCluster) {
		purge();
		LocalCluster cluster = new LocalCluster(home, runDir, (line) -> out.println("  " + line));
		ClusterPlan plan = new ClusterPlan(3, 2, 3, portOffset, redisCluster ? null : redisUrl, runDir, List.of(),
				managers, redisCluster);
		out.println("Starting a local cluster (" + managers + " manager(s), 3 schedulers, 2 seeds, 3 peers, gateway"
				+ (redisCluster ? ", Redis Cluster of 6 nodes" : "") + ") in " + runDir);
		ClusterState state = cluster.up(plan, Duration.ofMinutes(3));
		try (DemoOrigin origin = DemoOrigin.start(0)) {
			Path file = runDir.resolve("origin").resolve("demo.bin");
			out.printf("Generating a %s file for the origin...%n", Format.bytes(size));
			String expected = DemoOrigin.generate(file, size, 42);
			String url = origin.serve("demo.bin", file);
			out.println("Origin serving " + url + " (sha256 " + expected.substring(0, 16) + "...)");
			List<DownloadRunner.Result> results = downloadAll(state.ofKind(NodeKind.PEER), url);
			return report(state.ofKind(NodeKind.PEER), results, expected, origin.bytesSent("demo.bin"), size);
		}
		finally {
			if (keep) {
				out.println("Cluster left running (--keep): ./damselfly status, ./damselfly down");
			}
			else {
				cluster.down();
				out.println("Cluster stopped. Logs: " + runDir.resolve("logs"));
			}
		}
	}

	private List<DownloadRunner.Result> downloadAll(List<NodeRecord> peers, String url) {
		out.println("Downloading through " + peers.size() + " peers at once...");
		ExecutorService pool = Executors.newFixedThreadPool(peers.size());
		try {
			List<Future<DownloadRunner.Result>> futures = new ArrayList<>();
			for (NodeRecord peer : peers) {
				Path output = runDir.resolve("out").resolve(peer.name() + ".bin");
				futures.add(pool.submit(() -> DownloadRunner.run(new PeerApi(peer.url()),
						new DownloadRequest(url, null, null, "demo", null, null), output, Duration.ofMinutes(5),
						(status) -> {
						})));
			}
			List<DownloadRunner.Result> results = new ArrayList<>();
			for (Future<DownloadRunner.Result> future : futures) {
				results.add(future.get());
			}
			return results;
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException("interrupted", ex);
		}
		catch (ExecutionException ex) {
			throw new IllegalStateException("a download failed: " + ex.getCause().getMessage(), ex.getCause());
		}
		finally {
			pool.shutdownNow();
		}
	}

	private int report(List<NodeRecord> peers, List<DownloadRunner.Result> results, String expected, long originBytes,
			long size) {
		out.println();
		out.printf("%-8s %-10s %-9s %12s %12s %9s  %s%n", "PEER", "STATE", "SHA256", "FROM PEERS", "FROM ORIGIN",
				"TIME", "BACK-TO-SOURCE REASON");
		boolean allVerified = true;
		for (int i = 0; i < peers.size(); i++) {
			DownloadRunner.Result result = results.get(i);
			boolean verified = result.succeeded() && expected.equals(result.sha256());
			allVerified &= verified;
			String reason = result.status().backToSourceReason();
			out.printf("%-8s %-10s %-9s %12s %12s %9s  %s%n", peers.get(i).name(), result.status().state(),
					verified ? "ok" : "MISMATCH", Format.bytes(result.status().bytesFromPeers()),
					Format.bytes(result.status().bytesFromOrigin()), Format.seconds(result.elapsed()),
					(reason != null) ? reason : (result.status().error() != null) ? result.status().error() : "-");
		}
		double ratio = (size > 0) ? (double) originBytes / size : 0;
		out.println();
		out.printf(Locale.ROOT, "origin served %.2f× the file (%d of %d bytes) for %d peers%n", ratio, originBytes,
				size, peers.size());
		if (!allVerified) {
			out.println("FAILED: not every copy matched the origin's sha256 " + expected);
			return 1;
		}
		if (ratio > MAX_ORIGIN_RATIO) {
			out.printf(Locale.ROOT, "FAILED: the origin served more than %.2f× the file%n", MAX_ORIGIN_RATIO);
			return 1;
		}
		out.println("OK: every copy verified (sha256 " + expected + ")");
		return 0;
	}

	/** A demo starts from empty caches, or the peers would serve last run's copy from disk. */
	private void purge() {
		ClusterState.load(runDir).ifPresent((state) -> {
			if (state.nodes().stream().anyMatch(NodeRecord::alive)) {
				throw new IllegalStateException("a demo cluster is still running from " + runDir
						+ " (--keep?): stop it with ./damselfly down --run-dir " + runDir);
			}
		});
		if (!Files.exists(runDir)) {
			return;
		}
		try (Stream<Path> walk = Files.walk(runDir)) {
			for (Path path : walk.sorted(Comparator.reverseOrder()).toList()) {
				Files.delete(path);
			}
		}
		catch (IOException ex) {
			throw new UncheckedIOException("cannot clean " + runDir, ex);
		}
	}

}
