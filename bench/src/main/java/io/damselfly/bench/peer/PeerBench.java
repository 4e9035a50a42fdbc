package io.damselfly.bench.peer;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import io.damselfly.bench.support.BenchCluster;
import io.damselfly.bench.support.Options;
import io.damselfly.bench.support.Proc;
import io.damselfly.bench.support.Table;
import io.damselfly.bench.support.ThrottledOrigin;
import io.damselfly.bench.support.Transfers;
import io.damselfly.cli.cluster.NodeRecord;
import io.damselfly.cli.http.Http;
import io.damselfly.cli.origin.DemoOrigin;
import tools.jackson.databind.JsonNode;

/**
 * The single-peer benchmark, on a cluster of one scheduler and one seed (a seed goes to the origin at
 * once, so the figure is the peer daemon's own speed, not the scheduler's waiting policy):
 * <ol>
 * <li><b>download</b>: one file through the peer daemon from an uncapped loopback origin, against
 * {@code curl -o} of the same file to the same disk, alternating, several rounds;</li>
 * <li><b>piece serving</b>: several children at once ({@code curl}, bodies discarded) fetch every piece of
 * the finished task from the peer: MB/s, the peer's CPU per GB, and the heap it allocated per GB;</li>
 * <li><b>memory</b>: the peer's VmRSS and VmHWM, from a fresh JVM per file size.</li>
 * </ol>
 */
public final class PeerBench {

	private static final String SEED = "seed-1";

	private PeerBench() {
	}

	/** One size's figures. */
	private record Run(long size, List<Double> peer, List<Double> peerCpu, List<Double> curl, double serveSeconds, long served,
			double serveCpu, double allocatedPerGb, Proc.Memory idle, Proc.Memory warm, Proc.Memory downloaded,
			Proc.Memory servedMemory, String zeroCopy) {
	}

	public static void main(String[] args) throws Exception {
		Options options = new Options(args);
		List<Long> sizes = List.of(options.text("sizes-mib", "128,1024").split(",")).stream()
			.map((s) -> Long.parseLong(s.strip()) * 1024 * 1024).toList();
		int rounds = options.integer("rounds", 3);
		int children = options.integer("children", 4);
		int warmups = options.integer("warmups", 200);
		int offset = options.integer("port-offset", 23000);
		Path work = Path.of(options.text("work", "bench/target/peer")).toAbsolutePath();
		List<String> overrides = List.of(options.text("set", "").split(",")).stream().filter((s) -> !s.isBlank())
			.toList();
		String jfr = options.text("jfr", "");
		System.out.printf(Locale.ROOT,
				"peer bench: sizes %s, %d round(s), %d children for piece serving, warm-up 64 MiB + %d downloads of 1 MiB%n",
				sizes.stream().map(Table::mib).toList(), rounds, children, warmups);

		Path originDir = work.resolve("origin");
		Path warmFile = originDir.resolve("warm.bin");
		DemoOrigin.generate(warmFile, 64L * 1024 * 1024, 7);
		Path smallFile = originDir.resolve("small.bin");
		DemoOrigin.generate(smallFile, 1024L * 1024, 11);
		List<String> shas = new ArrayList<>();
		for (long size : sizes) {
			shas.add(DemoOrigin.generate(originDir.resolve("file-" + size + ".bin"), size, size));
		}
		List<Run> runs = new ArrayList<>();
		try (ThrottledOrigin origin = ThrottledOrigin.start(0);
				BenchCluster cluster = BenchCluster.start(work.resolve("run"), 1, 1, 0, offset, overrides)) {
			String warmUrl = origin.serve("warm.bin", warmFile);
			String smallUrl = origin.serve("small.bin", smallFile);
			for (int i = 0; i < sizes.size(); i++) {
				long size = sizes.get(i);
				String url = origin.serve("file-" + size + ".bin", originDir.resolve("file-" + size + ".bin"));
				runs.add(run(cluster, warmUrl, smallUrl, warmups, url, size, shas.get(i), rounds, children, work, jfr));
			}
		}
		print(runs, children);
		BenchCluster.wipe(work.resolve("run"));
	}

	private static Run run(BenchCluster cluster, String warmUrl, String smallUrl, int warmups, String url, long size,
			String sha, int rounds, int children, Path work, String jfr) throws Exception {
		System.out.println("size " + Table.mib(size) + ": fresh " + SEED + " JVM");
		NodeRecord seed = cluster.restart(SEED);
		Proc.Memory idle = Proc.memory(seed.pid());
		Transfers.PeerDownload warm = Transfers.throughPeer(seed.url(), warmUrl, "warm-" + size, Duration.ofMinutes(5));
		require(warm.succeeded(), "warm-up download failed: " + warm.status());
		List<Double> smallTimes = new ArrayList<>();
		for (int w = 1; w <= warmups; w++) {
			Transfers.PeerDownload small = Transfers.throughPeer(seed.url(), smallUrl, "small-" + size + "-" + w,
					Duration.ofMinutes(1));
			require(small.succeeded(), "warm-up download " + w + " failed: " + small.status());
			smallTimes.add(small.seconds());
		}
		if (warmups > 0) {
			int tenth = Math.max(1, warmups / 10);
			System.out.printf(Locale.ROOT,
					"  warm-up: %d downloads of 1 MiB (each a new task): median %.0f ms for the first %d, %.0f ms for the last %d%n",
					warmups, 1000 * median(smallTimes.subList(0, tenth)), tenth,
					1000 * median(smallTimes.subList(warmups - tenth, warmups)), tenth);
		}
		Proc.Memory warmed = Proc.memory(seed.pid());
		if (!jfr.isBlank()) {
			jcmd(seed.pid(), "JFR.start", "name=bench", "settings=profile");
		}
		List<Double> peer = new ArrayList<>();
		List<Double> peerCpu = new ArrayList<>();
		List<Double> curl = new ArrayList<>();
		String taskId = null;
		Path out = work.resolve("curl.bin");
		for (int r = 1; r <= rounds; r++) {
			Transfers.settleDisk();
			long cpuStart = Proc.cpuMillis(seed.pid());
			Transfers.PeerDownload d = Transfers.throughPeer(seed.url(), url, "round-" + r, Duration.ofMinutes(10));
			peerCpu.add((Proc.cpuMillis(seed.pid()) - cpuStart) / 1000.0);
			require(d.succeeded(), "peer download failed: " + d.status());
			require(d.status().bytesFromOrigin() == size, "peer did not fetch from the origin: " + d.status());
			peer.add(d.seconds());
			taskId = d.status().taskId();
			// Untimed, and before curl runs: the peer hashes the whole file just after success.
			require(sha.equals(Transfers.awaitSha256(seed.url(), d.status().id())), "peer's file has the wrong sha256");
			Transfers.settleDisk();
			Transfers.Curl c = Transfers.curl(out, url);
			require(c.exit() == 0 && c.bytes() == size, "curl failed: " + c);
			curl.add(c.seconds());
			Transfers.delete(out);
			System.out.printf(Locale.ROOT, "  round %d: peer %s, curl %s%n", r, Table.seconds(d.seconds()),
					Table.seconds(c.seconds()));
		}
		Proc.Memory after = Proc.memory(seed.pid());
		if (!jfr.isBlank()) {
			Path recording = Path.of(jfr).toAbsolutePath().resolve("peer-download-" + size + ".jfr");
			Files.createDirectories(recording.getParent());
			jcmd(seed.pid(), "JFR.stop", "name=bench", "filename=" + recording);
			System.out.println("  JFR recording of the download rounds: " + recording);
		}

		JsonNode task = Http.getTree(seed.url() + "/api/v1/tasks/" + taskId);
		int pieces = task.get("pieceCount").asInt();
		String pieceUrl = seed.url() + "/api/v1/tasks/" + taskId + "/pieces/[0-" + (pieces - 1) + "]";
		double allocatedBefore = allocated(seed);
		long cpuBefore = Proc.cpuMillis(seed.pid());
		long start = System.nanoTime();
		List<Process> readers = new ArrayList<>();
		for (int c = 0; c < children; c++) {
			readers.add(Transfers.curlStartWithToken(Path.of("/dev/null"), Http.token(), pieceUrl));
		}
		long served = 0;
		for (Process p : readers) {
			Transfers.Curl c = Transfers.curlAwait(p, start);
			require(c.exit() == 0, "piece reader failed: " + c);
			served += c.bytes();
		}
		double serveSeconds = (System.nanoTime() - start) / 1e9;
		double serveCpu = (Proc.cpuMillis(seed.pid()) - cpuBefore) / 1000.0;
		double allocatedPerGb = (allocated(seed) - allocatedBefore) / (served / 1e9);
		require(served == (long) children * size, "children got " + served + " bytes, expected " + children * size);
		return new Run(size, peer, peerCpu, curl, serveSeconds, served, serveCpu, allocatedPerGb, idle, warmed, after,
				Proc.memory(seed.pid()), zeroCopyCheck(seed, taskId, Math.min(pieces, 4)));
	}

	private static void jcmd(long pid, String... command) throws IOException, InterruptedException {
		List<String> line = new ArrayList<>(List.of("jcmd", Long.toString(pid)));
		line.addAll(List.of(command));
		Process p = new ProcessBuilder(line).redirectErrorStream(true).start();
		String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
		if (p.waitFor() != 0) {
			throw new IllegalStateException("jcmd failed: " + out);
		}
	}

	/** Bytes the JVM allocated on the heap so far, as Micrometer counts them at each young collection. */
	private static double allocated(NodeRecord node) {
		JsonNode metric = Http.getTree(node.url() + "/actuator/metrics/jvm.gc.memory.allocated");
		return metric.get("measurements").get(0).get("value").asDouble();
	}

	/**
	 * Fetches a few pieces with {@code strace} attached to the peer, counting the system calls that carry
	 * the bytes: zero-copy serving shows {@code sendfile} moving them, not {@code write}. Not timed.
	 */
	private static String zeroCopyCheck(NodeRecord node, String taskId, int pieces) {
		Process strace;
		Path log;
		try {
			log = Files.createTempFile("strace", ".txt");
			strace = new ProcessBuilder("strace", "-f", "-c", "-e", "trace=sendfile,write,writev,pwrite64", "-o",
					log.toString(), "-p", Long.toString(node.pid())).redirectErrorStream(true).start();
		}
		catch (IOException ex) {
			return "strace not available";
		}
		BenchCluster.sleep(1500);
		long start = System.nanoTime();
		Transfers.Curl c = Transfers.curlAwait(Transfers.curlStartWithToken(Path.of("/dev/null"), Http.token(),
				node.url() + "/api/v1/tasks/" + taskId + "/pieces/[0-" + (pieces - 1) + "]"), start);
		BenchCluster.sleep(500);
		strace.destroy();
		if (c.exit() != 0) {
			return "piece reader failed: " + c;
		}
		try {
			strace.waitFor();
			String summary = Files.readString(log, StandardCharsets.UTF_8);
			Files.deleteIfExists(log);
			List<String> calls = new ArrayList<>();
			for (String line : summary.split("\n")) {
				String[] f = line.trim().split("\\s+");
				if (f.length >= 5 && f[f.length - 1].matches("sendfile|write|writev|pwrite64")) {
					calls.add(f[f.length - 1] + " " + f[3]);
				}
			}
			return Table.mib(c.bytes()) + " in " + pieces + " pieces: " + String.join(", ", calls) + " calls";
		}
		catch (IOException ex) {
			return "strace output unreadable: " + ex.getMessage();
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			return "interrupted";
		}
	}

	private static void print(List<Run> runs, int children) {
		System.out.println();
		System.out.println("Single peer: download through the peer daemon (uncapped origin) vs curl -o, same disk");
		Table single = new Table("file", "round", "peer", "peer MB/s", "peer CPU", "curl", "curl MB/s",
				"peer ÷ curl throughput");
		for (Run run : runs) {
			for (int r = 0; r < run.peer().size(); r++) {
				double p = run.peer().get(r);
				double c = run.curl().get(r);
				single.row(Table.mib(run.size()), r + 1, Table.seconds(p), Table.mbps(run.size(), p),
						Table.seconds(run.peerCpu().get(r)), Table.seconds(c), Table.mbps(run.size(), c),
						String.format(Locale.ROOT, "%.0f%%", 100 * c / p));
			}
			double p = median(run.peer());
			double c = median(run.curl());
			single.row(Table.mib(run.size()), "median", Table.seconds(p), Table.mbps(run.size(), p),
					Table.seconds(median(run.peerCpu())), Table.seconds(c), Table.mbps(run.size(), c),
					String.format(Locale.ROOT, "%.0f%%", 100 * c / p));
		}
		single.print();

		System.out.println();
		System.out.println("Piece serving: " + children + " children at once fetch every piece of the finished task");
		Table serving = new Table("file", "bytes served", "time", "throughput", "peer CPU", "peer CPU per GB",
				"heap allocated per GB");
		for (Run run : runs) {
			serving.row(Table.mib(run.size()), Table.mib(run.served()), Table.seconds(run.serveSeconds()),
					Table.mbps(run.served(), run.serveSeconds()), Table.seconds(run.serveCpu()),
					Table.seconds(run.serveCpu() / (run.served() / 1e9)),
					String.format(Locale.ROOT, "%.1f MB", run.allocatedPerGb() / 1e6));
		}
		serving.print();
		runs.forEach((run) -> System.out.println("zero-copy check (" + Table.mib(run.size()) + "): " + run.zeroCopy()));

		System.out.println();
		System.out.println("Memory of the peer process (fresh JVM per file size, -Xmx512m -XX:+UseSerialGC)");
		Table memory = new Table("file", "VmRSS idle", "VmHWM after warm-up", "VmHWM after downloads",
				"VmHWM after serving", "VmRSS at end");
		for (Run run : runs) {
			memory.row(Table.mib(run.size()), mb(run.idle().rssKb()), mb(run.warm().hwmKb()), mb(run.downloaded().hwmKb()),
					mb(run.servedMemory().hwmKb()), mb(run.servedMemory().rssKb()));
		}
		memory.print();
	}

	private static String mb(long kb) {
		return kb / 1024 + " MiB";
	}

	private static double median(List<Double> values) {
		List<Double> sorted = new ArrayList<>(values);
		sorted.sort(null);
		return Table.percentile(sorted, 50);
	}

	private static void require(boolean condition, String message) {
		if (!condition) {
			throw new IllegalStateException(message);
		}
	}

}
