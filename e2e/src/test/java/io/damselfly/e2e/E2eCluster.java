package io.damselfly.e2e;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import io.damselfly.cli.cluster.ClusterPlan;
import io.damselfly.cli.cluster.ClusterState;
import io.damselfly.cli.cluster.Jars;
import io.damselfly.cli.cluster.LocalCluster;
import io.damselfly.cli.cluster.NodeRecord;
import io.damselfly.cli.http.DownloadRunner;
import io.damselfly.cli.http.PeerApi;
import io.damselfly.cli.origin.DemoOrigin;
import io.damselfly.common.download.DownloadRequest;

/**
 * A real cluster for one test class: every service a separate process on loopback, started by the
 * same launcher as {@code ./damselfly up}, plus an origin that counts its bytes. Ports are moved by
 * an offset so the tests can run beside a developer's own cluster.
 */
final class E2eCluster implements AutoCloseable {

	final LocalCluster cluster;

	final ClusterState state;

	final DemoOrigin origin;

	final Path dir;

	private E2eCluster(LocalCluster cluster, ClusterState state, DemoOrigin origin, Path dir) {
		this.cluster = cluster;
		this.state = state;
		this.origin = origin;
		this.dir = dir;
	}

	static E2eCluster start(String name, int portOffset, int schedulers, int seeds, int peers, List<String> overrides)
			throws Exception {
		return start(name, portOffset, schedulers, seeds, peers, overrides, ClusterPlan.redisClusterRequested());
	}

	/**
	 * As {@link #start(String, int, int, int, int, List)}, on a local Redis Cluster (3 masters, 3 replicas)
	 * when {@code redisCluster}; every class runs on one with {@code -Ddamselfly.e2e.redis=cluster}.
	 */
	static E2eCluster start(String name, int portOffset, int schedulers, int seeds, int peers, List<String> overrides,
			boolean redisCluster) throws Exception {
		return start(name, portOffset, schedulers, seeds, peers, overrides, redisCluster, false);
	}

	/**
	 * As {@link #start(String, int, int, int, int, List, boolean)}, every service serving HTTPS when
	 * {@code tls}, as {@code ./damselfly up --tls} starts them.
	 */
	static E2eCluster start(String name, int portOffset, int schedulers, int seeds, int peers, List<String> overrides,
			boolean redisCluster, boolean tls) throws Exception {
		Path dir = Jars.home().resolve("e2e").resolve("target").resolve("e2e-" + name);
		if (Files.exists(dir)) {
			try (var walk = Files.walk(dir)) {
				for (Path p : walk.sorted(java.util.Comparator.reverseOrder()).toList()) {
					Files.delete(p);
				}
			}
		}
		LocalCluster cluster = new LocalCluster(Jars.home(), dir.resolve("run"), (line) -> System.out.println("[" + name + "] " + line));
		ClusterPlan plan = new ClusterPlan(schedulers, seeds, peers, portOffset + portShift(), null, cluster.runDir(),
				overrides, 1, redisCluster, tls);
		ClusterState state = cluster.up(plan, startTimeout());
		return new E2eCluster(cluster, state, DemoOrigin.start(0), dir);
	}

	/**
	 * How long the cluster may take to be ready: {@code DAMSELFLY_E2E_START_MINUTES} (default 4), for
	 * machines shared by several builds, where starting seven JVMs can take longer.
	 */
	static Duration startTimeout() {
		String minutes = System.getenv("DAMSELFLY_E2E_START_MINUTES");
		return Duration.ofMinutes((minutes == null || minutes.isBlank()) ? 4 : Long.parseLong(minutes.trim()));
	}

	/**
	 * Moves every e2e port by {@code DAMSELFLY_E2E_PORT_SHIFT} (default 0), so two checkouts can run their
	 * end-to-end suites on one machine at once.
	 */
	static int portShift() {
		String shift = System.getenv("DAMSELFLY_E2E_PORT_SHIFT");
		return (shift == null || shift.isBlank()) ? 0 : Integer.parseInt(shift.trim());
	}

	NodeRecord node(String name) {
		return state.node(name).orElseThrow();
	}

	/** Generates a file, serves it, and returns its URL; {@code sha[0]} receives the expected digest. */
	String serve(String file, long size, boolean ranges, boolean contentLength, String requiredHeader, String[] sha) {
		Path path = dir.resolve("origin").resolve(file);
		sha[0] = DemoOrigin.generate(path, size, file.hashCode());
		return origin.serve(file, path, ranges, contentLength, requiredHeader);
	}

	/** Downloads through each named peer at once and returns the results in the same order. */
	List<DownloadRunner.Result> downloadAll(List<String> peers, String url, Map<String, String> headers)
			throws Exception {
		ExecutorService pool = Executors.newFixedThreadPool(peers.size());
		try {
			List<Future<DownloadRunner.Result>> futures = new ArrayList<>();
			for (String peer : peers) {
				Path out = dir.resolve("out").resolve(peer + "-" + url.substring(url.lastIndexOf('/') + 1));
				Files.createDirectories(out.getParent());
				futures.add(pool.submit(() -> DownloadRunner.run(new PeerApi(node(peer).url()),
						new DownloadRequest(url, null, null, null, headers, null), out, Duration.ofMinutes(5),
						(s) -> {
						})));
			}
			List<DownloadRunner.Result> results = new ArrayList<>();
			for (Future<DownloadRunner.Result> future : futures) {
				results.add(future.get());
			}
			return results;
		}
		finally {
			pool.shutdownNow();
		}
	}

	@Override
	public void close() {
		origin.close();
		cluster.down();
	}

}
