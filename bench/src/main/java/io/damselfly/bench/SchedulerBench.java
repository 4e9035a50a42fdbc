package io.damselfly.bench;

import java.net.URI;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.IntFunction;

import io.damselfly.common.digest.Digests;
import io.damselfly.common.id.TaskIds;

/**
 * Register+schedule throughput and latency of one scheduler for a task with many peers.
 * <ol>
 * <li>announces {@code hosts} hosts (and keeps announcing them);</li>
 * <li>registers {@code peers} peers of one task; the first reports every piece from the origin, the next
 * {@code holders} report every piece from it, so the servable index holds {@code holders + 1} peers;</li>
 * <li>warms up, then sends {@code requests} registrations of new peers from {@code concurrency} threads and
 * measures each one's latency (request sent to decision parsed).</li>
 * </ol>
 * Bodies are built as text, sent over one keep-alive socket per thread ({@link LeanHttp}), and answers
 * only scanned for the decision type, to keep the client's own CPU use small on a machine it shares
 * with the scheduler and Redis.
 */
public final class SchedulerBench {

	private final ThreadLocal<LeanHttp> http;

	private final Map<String, String> options;

	private SchedulerBench(Map<String, String> options) {
		this.options = options;
		URI base = URI.create(options.getOrDefault("scheduler", "http://127.0.0.1:8082"));
		this.http = ThreadLocal.withInitial(() -> new LeanHttp(base));
	}

	public static void main(String[] args) throws Exception {
		Map<String, String> options = new HashMap<>();
		for (int i = 0; i + 1 < args.length; i += 2) {
			options.put(args[i].replaceFirst("^--", ""), args[i + 1]);
		}
		new SchedulerBench(options).run();
	}

	private int option(String name, int fallback) {
		return Integer.parseInt(options.getOrDefault(name, Integer.toString(fallback)));
	}

	private void run() throws Exception {
		int hosts = option("hosts", 250);
		int peers = option("peers", 1000);
		int holders = option("holders", 300);
		int pieces = option("pieces", 16);
		int requests = option("requests", 20_000);
		int warmup = option("warmup", 3000);
		int concurrency = option("concurrency", 16);
		String url = "http://origin.bench/layer-" + System.nanoTime() + ".tar";
		String task = TaskIds.derive(url, null, null);

		ScheduledExecutorService announcer = Executors.newSingleThreadScheduledExecutor();
		announcer.scheduleAtFixedRate(() -> announceAll(hosts), 0, 5, TimeUnit.SECONDS);
		announceAll(hosts);

		long t0 = System.nanoTime();
		post("/api/v1/peers", register("bench-peer-0", host(0), url));
		post("/api/v1/peers/bench-peer-0/pieces", originReport(task, pieces));
		ExecutorService pool = Executors.newFixedThreadPool(concurrency);
		drive(pool, peers - 1, (i) -> {
			String peer = "bench-peer-" + (i + 1);
			post("/api/v1/peers", register(peer, host((i + 1) % hosts), url));
			if (i < holders) {
				post("/api/v1/peers/" + peer + "/pieces", parentReport(task, pieces, "bench-peer-0", host(0)));
			}
			return "setup";
		});
		System.out.printf(Locale.ROOT, "setup: %d hosts, task %s… with %d peers (%d holding all %d pieces) in %.1f s%n",
				hosts, task.substring(0, 8), peers, holders + 1, pieces, (System.nanoTime() - t0) / 1e9);

		drive(pool, warmup, (i) -> decide(post("/api/v1/peers", register("warm-" + i, host(i % hosts), url))));

		long[] latencies = new long[requests];
		Map<String, LongAdder> decisions = new ConcurrentHashMap<>();
		Map<String, Long> cpuBefore = cpuTimes();
		long start = System.nanoTime();
		drive(pool, requests, (i) -> {
			long sent = System.nanoTime();
			String type = decide(post("/api/v1/peers", register("new-" + i, host(i % hosts), url)));
			latencies[i] = System.nanoTime() - sent;
			decisions.computeIfAbsent(type, (t) -> new LongAdder()).increment();
			return type;
		});
		double seconds = (System.nanoTime() - start) / 1e9;
		Map<String, Long> cpuAfter = cpuTimes();
		announcer.shutdownNow();

		double baseline = option("baseline", 10_000) > 0 ? baseline(pool, option("baseline", 10_000), hosts) : -1;

		Arrays.sort(latencies);
		System.out.println();
		System.out.println("| requests | concurrency | wall (s) | decisions/s | p50 (ms) | p90 (ms) | p99 (ms) | p99.9 (ms) | max (ms) |");
		System.out.println("|---:|---:|---:|---:|---:|---:|---:|---:|---:|");
		System.out.printf(Locale.ROOT, "| %d | %d | %.2f | %.0f | %.2f | %.2f | %.2f | %.2f | %.2f |%n", requests,
				concurrency, seconds, requests / seconds, ms(latencies, 0.50), ms(latencies, 0.90), ms(latencies, 0.99),
				ms(latencies, 0.999), latencies[latencies.length - 1] / 1e6);
		Map<String, Long> counts = new TreeMap<>();
		decisions.forEach((type, count) -> counts.put(type, count.sum()));
		System.out.println();
		System.out.println("decisions: " + counts);
		System.out.println();
		System.out.println("CPU time per decision during the measured phase (from /proc, all threads):");
		cpuAfter.forEach((name, after) -> System.out.printf(Locale.ROOT, "  %-15s %6.0f µs  (%.2f cores busy)%n", name,
				(after - cpuBefore.get(name)) / 1e3 / requests, (after - cpuBefore.get(name)) / 1e9 / seconds));
		if (baseline >= 0) {
			System.out.printf(Locale.ROOT, "%nbaseline: GET /api/v1/hosts/{id} (one Redis GET, small JSON answer) costs the"
					+ " scheduler %.0f µs of CPU per request on this machine%n", baseline);
		}
		pool.shutdown();
	}

	/** Scheduler CPU per request of the simplest endpoint that touches Redis: the framework's floor here. */
	private double baseline(ExecutorService pool, int count, int hosts) throws Exception {
		drive(pool, count / 5, (i) -> http.get().get("/api/v1/hosts/" + host(i % hosts)));
		Map<String, Long> before = cpuTimes();
		drive(pool, count, (i) -> http.get().get("/api/v1/hosts/" + host(i % hosts)));
		Map<String, Long> after = cpuTimes();
		return after.containsKey("scheduler") ? (after.get("scheduler") - before.get("scheduler")) / 1e3 / count : -1;
	}

	/** CPU nanoseconds used so far by this process and by the processes named in {@code --pids name=pid,...}. */
	private Map<String, Long> cpuTimes() {
		Map<String, Long> times = new java.util.LinkedHashMap<>();
		for (String entry : options.getOrDefault("pids", "").split(",")) {
			if (entry.contains("=")) {
				String[] pair = entry.split("=");
				times.put(pair[0], procCpuNanos(pair[1]));
			}
		}
		times.put("load generator", procCpuNanos("self"));
		return times;
	}

	private static long procCpuNanos(String pid) {
		try {
			String stat = java.nio.file.Files.readString(java.nio.file.Path.of("/proc/" + pid + "/stat"));
			String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
			// utime and stime are fields 14 and 15 of stat, in clock ticks (100 per second on Linux).
			return (Long.parseLong(fields[11]) + Long.parseLong(fields[12])) * 10_000_000L;
		}
		catch (java.io.IOException | RuntimeException ex) {
			return 0;
		}
	}

	private static double ms(long[] sorted, double quantile) {
		int index = (int) Math.min(sorted.length - 1, Math.ceil(quantile * sorted.length) - 1);
		return sorted[Math.max(0, index)] / 1e6;
	}

	private static void drive(ExecutorService pool, int count, IntFunction<String> work) throws Exception {
		AtomicInteger next = new AtomicInteger();
		int threads = ((java.util.concurrent.ThreadPoolExecutor) pool).getCorePoolSize();
		Future<?>[] workers = new Future<?>[threads];
		for (int t = 0; t < threads; t++) {
			workers[t] = pool.submit(() -> {
				for (int i = next.getAndIncrement(); i < count; i = next.getAndIncrement()) {
					work.apply(i);
				}
			});
		}
		for (Future<?> worker : workers) {
			worker.get();
		}
	}

	private static String host(int i) {
		return "bench-host-" + i;
	}

	private void announceAll(int hosts) {
		for (int i = 0; i < hosts; i++) {
			post("/api/v1/hosts", String.format(Locale.ROOT, "{\"hostId\":\"%s\",\"ip\":\"10.1.%d.%d\",\"port\":8100,"
					+ "\"type\":\"NORMAL\",\"idc\":\"idc-%d\",\"location\":\"eu|fr|z%d\",\"uploadSlots\":200,"
					+ "\"uploadsInFlight\":%d,\"health\":{\"status\":\"UP\",\"diskUsedPercent\":40}}", host(i), i / 250,
					i % 250, i % 3, i % 5, i % 50));
		}
	}

	private static String register(String peer, String host, String url) {
		return "{\"peerId\":\"" + peer + "\",\"hostId\":\"" + host + "\",\"url\":\"" + url + "\"}";
	}

	private static String originReport(String task, int pieces) {
		StringBuilder body = new StringBuilder("{\"taskId\":\"" + task + "\",\"contentLength\":" + pieces * (4L << 20)
				+ ",\"pieceSize\":" + (4L << 20) + ",\"pieces\":[");
		for (int n = 0; n < pieces; n++) {
			body.append((n > 0) ? "," : "").append("{\"number\":").append(n)
				.append(",\"costMillis\":40,\"success\":true,\"length\":4194304,\"digest\":\"")
				.append(Digests.sha256Hex(task + n)).append("\"}");
		}
		return body.append("]}").toString();
	}

	private static String parentReport(String task, int pieces, String parent, String parentHost) {
		StringBuilder body = new StringBuilder("{\"taskId\":\"" + task + "\",\"pieces\":[");
		for (int n = 0; n < pieces; n++) {
			body.append((n > 0) ? "," : "").append("{\"number\":").append(n).append(",\"parentPeerId\":\"")
				.append(parent).append("\",\"parentHostId\":\"").append(parentHost)
				.append("\",\"costMillis\":").append(20 + (n % 7)).append(",\"success\":true,\"length\":4194304,")
				.append("\"digest\":\"").append(Digests.sha256Hex(task + n)).append("\"}");
		}
		return body.append("]}").toString();
	}

	private static String decide(String answer) {
		int at = answer.indexOf("\"type\":\"");
		if (at < 0) {
			return "ERROR";
		}
		return answer.substring(at + 8, answer.indexOf('"', at + 8));
	}

	private String post(String path, String json) {
		return http.get().post(path, json);
	}

}
