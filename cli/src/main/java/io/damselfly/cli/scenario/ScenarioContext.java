package io.damselfly.cli.scenario;

import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.BooleanSupplier;
import java.util.function.Predicate;

import io.damselfly.cli.Format;
import io.damselfly.cli.cluster.ClusterState;
import io.damselfly.cli.cluster.LocalCluster;
import io.damselfly.cli.cluster.NodeKind;
import io.damselfly.cli.cluster.NodeRecord;
import io.damselfly.cli.http.ApiError;
import io.damselfly.cli.http.DownloadRunner;
import io.damselfly.cli.http.Http;
import io.damselfly.cli.http.ManagerApi;
import io.damselfly.cli.http.PeerApi;
import io.damselfly.cli.origin.DemoOrigin;
import io.damselfly.common.download.DownloadRequest;
import io.damselfly.common.node.Node;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;

/**
 * What a scenario works with: the running cluster, a counting origin, downloads through peers, and
 * the record of figures and checks. Every check is printed as it is made, so a failing drill shows
 * where it went wrong.
 */
public final class ScenarioContext implements AutoCloseable {

	private final LocalCluster cluster;

	private final DemoOrigin origin;

	private final Path dir;

	private final PrintStream out;

	private final Map<String, String> figures = new LinkedHashMap<>();

	private final List<ScenarioResult.Check> checks = new ArrayList<>();

	private final Map<String, String> digests = new LinkedHashMap<>();

	private final ExecutorService pool = Executors.newCachedThreadPool();

	ScenarioContext(LocalCluster cluster, DemoOrigin origin, Path dir, PrintStream out) {
		this.cluster = cluster;
		this.origin = origin;
		this.dir = dir;
		this.out = out;
	}

	public LocalCluster cluster() {
		return cluster;
	}

	public ClusterState state() {
		return cluster.state();
	}

	public DemoOrigin origin() {
		return origin;
	}

	public Path dir() {
		return dir;
	}

	public NodeRecord node(String name) {
		return state().node(name).orElseThrow(() -> new IllegalArgumentException("no node " + name));
	}

	public void log(String line) {
		out.println("  " + line);
	}

	public void figure(String key, Object value) {
		figures.put(key, String.valueOf(value));
		out.printf("  figure  %-34s %s%n", key, value);
	}

	public boolean check(boolean ok, String what) {
		checks.add(new ScenarioResult.Check(ok, what));
		out.printf("  %-6s  %s%n", ok ? "ok" : "FAILED", what);
		return ok;
	}

	ScenarioResult result(String name) {
		return new ScenarioResult(name, Map.copyOf(figures), List.copyOf(checks));
	}

	/** Generates a file of {@code size} bytes, serves it, and returns its URL. */
	public String serve(String name, long size) {
		return serve(name, size, true, true);
	}

	public String serve(String name, long size, boolean ranges, boolean contentLength) {
		Path file = dir.resolve("origin").resolve(name);
		digests.put(name, DemoOrigin.generate(file, size, name.hashCode()));
		log("origin serves " + name + " (" + Format.bytes(size) + ")");
		return origin.serve(name, file, ranges, contentLength, null);
	}

	public String sha256(String name) {
		return digests.get(name);
	}

	/** Starts a download through a peer and returns at once; join the future for the result. */
	public CompletableFuture<DownloadRunner.Result> start(String peer, String url) {
		return start(peer, url, (status) -> {
		});
	}

	/** As {@link #start(String, String)}, calling {@code progress} with each status polled (every 100 ms). */
	public CompletableFuture<DownloadRunner.Result> start(String peer, String url,
			java.util.function.Consumer<io.damselfly.common.download.DownloadStatus> progress) {
		String file = url.substring(url.lastIndexOf('/') + 1);
		Path output = dir.resolve("out").resolve(peer + "-" + file + "-" + System.nanoTime());
		PeerApi api = new PeerApi(node(peer).url());
		return CompletableFuture.supplyAsync(() -> DownloadRunner.run(api,
				new DownloadRequest(url, null, null, null, null, null), output, Duration.ofMinutes(4), progress), pool);
	}

	public DownloadRunner.Result download(String peer, String url) {
		return start(peer, url).join();
	}

	/** Checks a download succeeded and its bytes hash to the origin file's SHA-256. */
	public boolean checkVerified(String peer, DownloadRunner.Result result, String file) {
		String expected = sha256(file);
		boolean ok = result.succeeded() && expected.equals(result.sha256());
		return check(ok, peer + " downloaded " + file + ": " + result.status().state() + ", sha256 "
				+ (ok ? "matches" : "is " + result.sha256() + " not " + expected)
				+ ((result.status().error() != null) ? " (" + result.status().error() + ")" : ""));
	}

	/**
	 * Polls until the condition holds or the timeout passes.
	 * @return the time it took, or empty on timeout
	 */
	public Optional<Duration> waitUntil(Duration timeout, Duration poll, BooleanSupplier condition) {
		long start = System.nanoTime();
		long deadline = start + timeout.toNanos();
		while (System.nanoTime() < deadline) {
			if (condition.getAsBoolean()) {
				return Optional.of(Duration.ofNanos(System.nanoTime() - start));
			}
			sleep(poll.toMillis());
		}
		return Optional.empty();
	}

	/**
	 * The managers' record of a scheduler or seed node, by its URL, from the first live manager that
	 * answers (they share Redis); empty when none does.
	 */
	public Optional<Node> managerNode(String name) {
		String url = node(name).url();
		for (NodeRecord manager : state().ofKind(NodeKind.MANAGER)) {
			if (!manager.alive()) {
				continue;
			}
			try {
				return new ManagerApi(manager.url()).nodes().stream().filter((n) -> n.url().equals(url)).findFirst();
			}
			catch (UncheckedIOException | ApiError ex) {
				// this manager does not answer: ask the next one
			}
		}
		return Optional.empty();
	}

	/** The manager (by node name) whose latest probe round covered the node with this id; empty if none. */
	public Optional<String> proberOf(String nodeId) {
		for (NodeRecord manager : state().ofKind(NodeKind.MANAGER)) {
			if (!manager.alive()) {
				continue;
			}
			try {
				for (JsonNode probed : Http.getTree(manager.url() + "/api/v1/probes").path("probing")) {
					if (nodeId.equals(probed.asString())) {
						return Optional.of(manager.name());
					}
				}
			}
			catch (UncheckedIOException | ApiError ex) {
				// this manager does not answer: it probes nothing
			}
		}
		return Optional.empty();
	}

	/** A GET against the first live scheduler, as JSON; empty on 404 or when none answers. */
	public Optional<JsonNode> scheduler(String path) {
		for (NodeRecord scheduler : state().ofKind(NodeKind.SCHEDULER)) {
			if (!scheduler.alive()) {
				continue;
			}
			try {
				return Optional.of(Http.getTree(scheduler.url() + path));
			}
			catch (ApiError ex) {
				if (ex.status() == 404) {
					return Optional.empty();
				}
			}
			catch (UncheckedIOException ex) {
				// try the next scheduler: this one is down
			}
		}
		return Optional.empty();
	}

	/**
	 * Whether every live scheduler answers {@code path} with JSON that satisfies {@code test}. Each
	 * scheduler keeps its own copy of the manager's node states, refreshed on its own clock, so a drill
	 * that must not race one of them asks them all. False when none is live or one does not answer.
	 */
	public boolean everyScheduler(String path, Predicate<JsonNode> test) {
		boolean any = false;
		for (NodeRecord scheduler : state().ofKind(NodeKind.SCHEDULER)) {
			if (!scheduler.alive()) {
				continue;
			}
			try {
				if (!test.test(Http.getTree(scheduler.url() + path))) {
					return false;
				}
				any = true;
			}
			catch (ApiError | UncheckedIOException ex) {
				return false;
			}
		}
		return any;
	}

	/**
	 * A peer's verified bytes received so far from {@code source} ({@code peer} or {@code origin}), from its
	 * {@code damselfly.traffic.bytes} meter.
	 */
	public double traffic(String name, String source) {
		JsonNode meter = Http.getTree(node(name).url() + "/actuator/metrics/damselfly.traffic.bytes?tag=source:" + source);
		return meter.path("measurements").path(0).path("value").asDouble();
	}

	/** The HTTP status of a node's readiness endpoint, or 0 when it does not answer. */
	public int readiness(String name) {
		try {
			HttpRequest request = HttpRequest.newBuilder(URI.create(node(name).url() + "/actuator/health/readiness"))
				.timeout(Duration.ofSeconds(2)).GET().build();
			return Http.client().send(request, HttpResponse.BodyHandlers.discarding()).statusCode();
		}
		catch (java.io.IOException ex) {
			return 0;
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			return 0;
		}
	}

	public static String ratio(long bytes, long size) {
		return (size > 0) ? String.format(java.util.Locale.ROOT, "%.3f×", (double) bytes / size) : "n/a";
	}

	public static void sleep(long millis) {
		try {
			Thread.sleep(millis);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException("interrupted", ex);
		}
	}

	@Override
	public void close() {
		pool.shutdownNow();
	}

	static @Nullable String text(JsonNode node, String field) {
		JsonNode value = node.path(field);
		return value.isMissingNode() || value.isNull() ? null : value.asString();
	}

}
