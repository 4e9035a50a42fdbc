package io.damselfly.bench.swarm;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import io.damselfly.bench.support.BenchCluster;
import io.damselfly.bench.support.Options;
import io.damselfly.bench.support.Proc;
import io.damselfly.bench.support.Table;
import io.damselfly.bench.support.ThrottledOrigin;
import io.damselfly.bench.support.Transfers;
import io.damselfly.cli.cluster.NodeKind;
import io.damselfly.cli.cluster.NodeRecord;
import io.damselfly.cli.origin.DemoOrigin;
import org.jspecify.annotations.Nullable;

/**
 * The swarm benchmark. One origin on loopback, its egress capped (100 MB/s by default), serving one
 * generated file. In the same run:
 * <ol>
 * <li>one direct download ({@code curl -o}) alone: the time a single client needs;</li>
 * <li>N direct downloads at once from the same capped origin: what N clients cost without Damselfly;</li>
 * <li>N peers of a local cluster (with its seeds) downloading the file at once through Damselfly;</li>
 * <li>right after each Damselfly round, the same N downloaders as a BitTorrent swarm ({@link TorrentSwarm}),
 * whose one seeder is capped at the origin's rate: the anchor. The rounds alternate, so both see the same
 * machine, however busy.</li>
 * </ol>
 * Prints completion times (p50, max), the origin's egress ÷ file size, bytes from peers and from the
 * origin, the ratios, and where the CPU went, per process; then the pairs and their medians
 * ({@link Summary}).
 */
public final class SwarmBench {

	private SwarmBench() {
	}

	public static void main(String[] args) throws Exception {
		Options options = new Options(args);
		long size = options.integer("size-mib", 512) * 1024L * 1024L;
		int peers = options.integer("peers", 8);
		int seeds = options.integer("seeds", 1);
		int schedulers = options.integer("schedulers", 1);
		long cap = options.integer("cap-mbps", 100) * 1_000_000L;
		int offset = options.integer("port-offset", 23000);
		long warmup = options.integer("warmup-mib", 64) * 1024L * 1024L;
		int smallWarmups = options.integer("small-warmups", 0);
		int pairs = options.integer("pairs", 3);
		boolean bittorrent = options.flag("bittorrent", true);
		int btPort = options.integer("bt-port", 31200);
		String profilerLibrary = options.text("async-profiler", "");
		Path work = Path.of(options.text("work", "bench/target/swarm")).toAbsolutePath();
		List<String> overrides = List.of(options.text("set", "").split(",")).stream().filter((s) -> !s.isBlank())
			.toList();

		System.out.printf(Locale.ROOT, "swarm bench: file %s, %d peers, %d seed(s), %d scheduler(s), origin cap %s%n",
				Table.mib(size), peers, seeds, schedulers, (cap > 0) ? cap / 1_000_000 + " MB/s" : "none");
		Path file = work.resolve("origin").resolve("swarm-" + size + ".bin");
		String sha = generate(file, size);
		try (ThrottledOrigin origin = ThrottledOrigin.start(cap)) {
			Path direct = work.resolve("direct");
			Files.createDirectories(direct);
			String url = origin.serve(file.getFileName().toString(), file);

			System.out.println("direct: 1 client alone");
			Transfers.settleDisk();
			Transfers.Curl one = Transfers.curl(direct.resolve("alone.bin"), url);
			check(one, size, direct.resolve("alone.bin"), sha);
			double oneSeconds = one.seconds();
			Transfers.delete(direct.resolve("alone.bin"));

			System.out.println("direct: " + peers + " clients at once");
			Transfers.settleDisk();
			long beforeAll = origin.bytesSent();
			List<Double> directTimes = directAll(url, peers, direct, size, sha);
			long directEgress = origin.bytesSent() - beforeAll;

			TorrentSwarm torrent = bittorrent
					? TorrentSwarm.prepare(work.resolve("bt"), file, size, cap, btPort) : null;
			if (torrent != null) {
				Runtime.getRuntime().addShutdownHook(new Thread(torrent::stopAll, "bench-bittorrent-down"));
			}
			List<Pair> results = new ArrayList<>();
			System.out.println("swarm: starting the cluster (port offset " + offset + ")");
			try (BenchCluster cluster = BenchCluster.start(work.resolve("run"), schedulers, seeds, peers, offset,
					overrides)) {
				if (warmup > 0) {
					Path warmFile = work.resolve("origin").resolve("warm-" + warmup + ".bin");
					generate(warmFile, warmup);
					System.out.println("swarm: warm-up, every peer fetches " + Table.mib(warmup)
							+ " through the swarm, twice (untimed: JIT-compiles the daemons' hot paths)");
					String warmUrl = origin.serve(warmFile.getFileName().toString(), warmFile);
					runAll(cluster.nodes(NodeKind.PEER), warmUrl, "warm-1");
					// A second task: C2 is still compiling after the first (a third of a peer's CPU in a profile).
					runAll(cluster.nodes(NodeKind.PEER), warmUrl, "warm-2");
				}
				if (smallWarmups > 0) {
					Path smallFile = work.resolve("origin").resolve("small.bin");
					generate(smallFile, 1024L * 1024);
					String smallUrl = origin.serve(smallFile.getFileName().toString(), smallFile);
					long started = System.nanoTime();
					for (int w = 1; w <= smallWarmups; w++) {
						for (Transfers.PeerDownload d : runAll(cluster.nodes(NodeKind.PEER), smallUrl, "small-" + w)) {
							if (!d.succeeded()) {
								throw new IllegalStateException("warm-up download small-" + w + " failed: " + d.status());
							}
						}
					}
					System.out.printf(Locale.ROOT,
							"swarm: warm-up, every peer fetched %d files of 1 MiB through the swarm, each a new task, in %.1f s%n",
							smallWarmups, (System.nanoTime() - started) / 1e9);
				}
				for (int r = 1; r <= pairs; r++) {
					// Each round a task of its own (the tag is part of the task id), fetched from the origin once.
					String tag = (pairs > 1) ? "round-" + r : null;
					Transfers.settleDisk();
					System.out.println();
					System.out.println("swarm: pair " + r + " of " + pairs + ", Damselfly round: " + peers
							+ " peers download " + Table.mib(size) + " at once (" + loadAverage() + ")");
					// Profiled: peer-1 and the seed that fetches from the origin and serves the first pieces.
					List<NodeRecord> profiled = List.of(cluster.nodes(NodeKind.PEER).get(0),
							cluster.nodes(NodeKind.SEED).get(0));
					PeerProfiler profiler = profilerLibrary.isBlank() ? null
							: new PeerProfiler(profilerLibrary, work.resolve("profiles"));
					if (profiler != null) {
						profiled.forEach((node) -> profiler.start(node.pid()));
					}
					Round damselfly = swarm(cluster, origin, url, tag, size, sha, peers, oneSeconds, directTimes,
							directEgress);
					if (profiler != null) {
						for (NodeRecord node : profiled) {
							profiler.stop(node.pid(), node.name() + "-pair-" + r);
						}
					}
					Round bt = null;
					if (torrent != null) {
						Transfers.settleDisk();
						System.out.println();
						System.out.println("swarm: pair " + r + " of " + pairs + ", BitTorrent round: " + peers
								+ " aria2c leechers, one aria2c seeder capped at " + cap / 1_000_000 + " MB/s ("
								+ loadAverage() + ")");
						bt = TorrentReport.print(torrent.round("pair-" + r, peers, sha), size, oneSeconds);
					}
					results.add(new Pair(damselfly, bt));
				}
			}
			Summary.print(results, size, peers, oneSeconds, directTimes.get(directTimes.size() - 1));
		}
		if (!options.flag("keep", false)) {
			BenchCluster.wipe(work.resolve("run"));
			BenchCluster.wipe(work.resolve("direct"));
		}
	}

	private static String generate(Path file, long size) throws Exception {
		Path shaFile = file.resolveSibling(file.getFileName() + ".sha256");
		if (Files.exists(file) && Files.size(file) == size && Files.exists(shaFile)) {
			return Files.readString(shaFile).strip();
		}
		System.out.println("generating " + file);
		String sha = DemoOrigin.generate(file, size, 42);
		Files.writeString(shaFile, sha);
		return sha;
	}

	private static void check(Transfers.Curl curl, long size, Path out, String sha) {
		if (curl.exit() != 0 || curl.bytes() != size || !Transfers.sha256(out).equals(sha)) {
			throw new IllegalStateException("direct download failed or corrupt: " + curl);
		}
	}

	private static List<Double> directAll(String url, int n, Path dir, long size, String sha) {
		List<Process> processes = new ArrayList<>();
		long start = System.nanoTime();
		for (int i = 0; i < n; i++) {
			processes.add(Transfers.curlStart(dir.resolve("client-" + i + ".bin"), url));
		}
		List<Double> times = new ArrayList<>();
		for (int i = 0; i < n; i++) {
			Transfers.Curl curl = Transfers.curlAwait(processes.get(i), start);
			Path out = dir.resolve("client-" + i + ".bin");
			check(curl, size, out, sha);
			Transfers.delete(out);
			times.add(curl.seconds());
		}
		times.sort(null);
		return times;
	}

	/** Every peer starts a download of {@code url} at the same moment; returns their outcomes in node order. */
	private static List<Transfers.PeerDownload> runAll(List<NodeRecord> peers, String url, @Nullable String tag)
			throws Exception {
		ExecutorService pool = Executors.newFixedThreadPool(peers.size());
		try {
			CountDownLatch go = new CountDownLatch(1);
			List<Future<Transfers.PeerDownload>> futures = new ArrayList<>();
			for (NodeRecord peer : peers) {
				futures.add(pool.submit(() -> {
					go.await();
					// 100 ms polls: eight peers polled every 20 ms would cost them 400 status requests a second.
					return Transfers.throughPeer(peer.url(), url, tag, Duration.ofMinutes(15));
				}));
			}
			go.countDown();
			List<Transfers.PeerDownload> results = new ArrayList<>();
			for (Future<Transfers.PeerDownload> f : futures) {
				results.add(f.get());
			}
			return results;
		}
		finally {
			pool.shutdownNow();
		}
	}

	/**
	 * What one round of either swarm measured.
	 *
	 * @param max the last downloader's completion time
	 * @param cpuPerPeerMillis user + kernel CPU of each downloading peer during the round
	 * @param allOk every copy's SHA-256 matches
	 */
	record Round(double max, List<Long> cpuPerPeerMillis, boolean allOk) {

		/** Mean CPU of a downloading peer, per GiB of the file. */
		double cpuSecondsPerGib(long size) {
			return cpuPerPeerMillis.stream().mapToLong(Long::longValue).average().orElse(Double.NaN) / 1000.0
					/ (size / 1073741824.0);
		}

	}

	/** A Damselfly round and the BitTorrent round right after it (null when the anchor is off). */
	record Pair(Round damselfly, @Nullable Round bittorrent) {
	}

	static String loadAverage() {
		try {
			String[] f = Files.readString(Path.of("/proc/loadavg")).split(" ");
			return "load average " + f[0] + " " + f[1] + " " + f[2];
		}
		catch (java.io.IOException ex) {
			return "load average unknown";
		}
	}

	private static Round swarm(BenchCluster cluster, ThrottledOrigin origin, String url, @Nullable String tag, long size,
			String sha, int peers, double oneSeconds, List<Double> directTimes, long directEgress) throws Exception {
		Map<NodeRecord, Proc.Cpu> cpuBefore = new LinkedHashMap<>();
		cluster.nodes().forEach((n) -> cpuBefore.put(n, Proc.cpu(n.pid())));
		List<NodeRecord> peerNodes = cluster.nodes(NodeKind.PEER);
		long originBefore = origin.bytesSent();
		long start = System.nanoTime();
		List<Transfers.PeerDownload> results = runAll(peerNodes, url, tag);
		double wall = (System.nanoTime() - start) / 1e9;
		long egress = origin.bytesSent() - originBefore;
		// Read before the whole-file hashes below are awaited: the span is the swarm's, as for aria2c.
		Map<NodeRecord, Proc.Cpu> cpuUsed = new LinkedHashMap<>();
		cpuBefore.forEach((n, before) -> cpuUsed.put(n, Proc.cpu(n.pid()).minus(before)));

		Table perPeer = new Table("peer", "state", "time", "from peers", "from origin", "parents", "sha256 ok",
				"VmHWM");
		List<Double> times = new ArrayList<>();
		long fromPeers = 0;
		long fromOrigin = 0;
		boolean allOk = true;
		for (int i = 0; i < results.size(); i++) {
			Transfers.PeerDownload r = results.get(i);
			NodeRecord node = peerNodes.get(i);
			boolean ok = r.succeeded() && sha.equals(Transfers.awaitSha256(node.url(), r.status().id()));
			allOk &= ok;
			times.add(r.seconds());
			fromPeers += r.status().bytesFromPeers();
			fromOrigin += r.status().bytesFromOrigin();
			perPeer.row(node.name(), r.status().state(), Table.seconds(r.seconds()), Table.mib(r.status().bytesFromPeers()),
					Table.mib(r.status().bytesFromOrigin()), String.join(" ", r.status().parents().stream()
						.map((p) -> p.replaceFirst("-[0-9a-f]{8}$", "")).toList()),
					ok, Proc.memory(node.pid()).hwmKb() / 1024 + " MiB");
		}
		times.sort(null);
		System.out.println();
		perPeer.print();
		// A round where peers went to the origin is no measure of the swarm: say why, in the peers' words.
		for (int i = 0; i < results.size(); i++) {
			String reason = results.get(i).status().backToSourceReason();
			if (reason != null) {
				System.out.println("  " + peerNodes.get(i).name() + " went to the origin: " + reason);
			}
		}

		System.out.println();
		double p50 = Table.percentile(times, 50);
		double max = times.get(times.size() - 1);
		double directMax = directTimes.get(directTimes.size() - 1);
		new Table("figure", "value")
			.row("file", Table.mib(size))
			.row("peers downloading at once (N)", peers)
			.row("every peer's sha256 matches", allOk)
			.row("one direct download alone (curl)", Table.seconds(oneSeconds) + "  (" + Table.mbps(size, oneSeconds) + ")")
			.row("N direct downloads at once: p50 / max", Table.seconds(Table.percentile(directTimes, 50)) + " / "
					+ Table.seconds(directMax))
			.row("N direct: origin egress ÷ file", Table.ratio(directEgress / (double) size))
			.row("swarm: completion p50 / max", Table.seconds(p50) + " / " + Table.seconds(max))
			.row("swarm: origin egress ÷ file", Table.ratio(egress / (double) size))
			.row("swarm: bytes from peers / from origin (N peers)", Table.mib(fromPeers) + " / " + Table.mib(fromOrigin))
			.row("ratio swarm max ÷ N direct max", Table.ratio(max / directMax))
			.row("ratio swarm max ÷ one direct alone", Table.ratio(max / oneSeconds))
			.print();

		System.out.println();
		Table cpu = new Table("process", "CPU during the swarm", "user / kernel", "share of 2 cores × wall");
		long total = 0;
		for (Map.Entry<NodeRecord, Proc.Cpu> e : cpuUsed.entrySet()) {
			Proc.Cpu used = e.getValue();
			long sum = used.userMillis() + used.systemMillis();
			total += sum;
			cpu.row(e.getKey().name(), String.format(Locale.ROOT, "%.1f s", sum / 1000.0),
					String.format(Locale.ROOT, "%.1f / %.1f s", used.userMillis() / 1000.0, used.systemMillis() / 1000.0),
					String.format(Locale.ROOT, "%.0f%%", 100.0 * sum / 1000.0 / (2 * wall)));
		}
		long self = Proc.cpuMillis(ProcessHandle.current().pid());
		cpu.row("all cluster processes", String.format(Locale.ROOT, "%.1f s", total / 1000.0), "",
				String.format(Locale.ROOT, "%.0f%%", 100.0 * total / 1000.0 / (2 * wall)));
		cpu.row("bench JVM + origin (whole run)", String.format(Locale.ROOT, "%.1f s", self / 1000.0), "", "");
		cpu.print();
		List<Long> peerCpu = peerNodes.stream().map((n) -> cpuUsed.get(n).userMillis() + cpuUsed.get(n).systemMillis())
			.toList();
		return new Round(max, peerCpu, allOk);
	}

}
