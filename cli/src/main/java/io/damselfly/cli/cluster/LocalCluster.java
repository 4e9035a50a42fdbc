package io.damselfly.cli.cluster;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

import io.damselfly.certificate.LoopbackCertificate;
import io.damselfly.cli.http.Http;
import io.damselfly.redis.LocalRedisCluster;
import io.damselfly.redis.LocalRedisServer;
import tools.jackson.databind.JsonNode;

/**
 * Starts, watches and stops a local cluster of real processes on loopback: Redis (or a Redis Cluster of
 * six nodes), the managers,
 * schedulers, seeds, peers and the gateway (docs/architecture.md#ports-names-and-configuration). Each service runs from its own jar with its
 * log under {@code <runDir>/logs}; the run directory's {@code cluster.json} remembers the pids, so a
 * later invocation can stop, kill or restart any node.
 */
public final class LocalCluster {

	/** The recorded command of a Redis Cluster node, started again by {@link LocalRedisCluster#startNode}. */
	static final String REDIS_CLUSTER_NODE = "redis-cluster-node";

	private final Path home;

	private final Path runDir;

	private final Consumer<String> progress;

	private final ClassDataSharing cds;

	public LocalCluster(Path home, Path runDir, Consumer<String> progress) {
		this.home = home;
		this.runDir = runDir.toAbsolutePath();
		this.progress = progress;
		this.cds = ClassDataSharing.fromEnvironment(home, progress);
		useCredentials(this.runDir);
	}

	/**
	 * Makes every later CLI call carry this run directory's admin token and trust its certificate (when
	 * the cluster serves HTTPS), or neither: never those of another cluster in this process.
	 */
	public static void useCredentials(Path runDir) {
		Path dir = runDir.toAbsolutePath();
		Http.useToken(ClusterSecrets.adminToken(dir).orElse(null));
		Http.trust(ClusterState.load(dir).filter(ClusterState::tls).map((state) -> ClusterPlan.certificate(dir))
			.orElse(null));
	}

	public Path runDir() {
		return runDir;
	}

	/**
	 * Starts every node of the plan and returns once all are ready, registered with the manager, and
	 * the gateway routes to the schedulers. On failure everything started is
	 * stopped again and the exception says which node failed and how its log ends.
	 */
	public ClusterState up(ClusterPlan plan, Duration timeout) {
		Duration readyTimeout = readyTimeout(timeout);
		ClusterState.load(runDir).ifPresent((existing) -> {
			if (existing.nodes().stream().anyMatch(NodeRecord::alive)) {
				throw new IllegalStateException("a cluster is already running from " + runDir
						+ ": stop it first with ./damselfly down");
			}
		});
		List<NodeSpec> specs = new ArrayList<>();
		for (NodeSpec spec : plan.nodes()) {
			if (!portFree(spec.port())) {
				throw new IllegalStateException("port " + spec.port() + " (" + spec.name()
						+ ") is already in use: is another cluster running? try ./damselfly down");
			}
			if (plan.redisCluster() && spec.kind() == NodeKind.REDIS
					&& !portFree(spec.port() + LocalRedisCluster.BUS_PORT_SHIFT)) {
				throw new IllegalStateException("port " + (spec.port() + LocalRedisCluster.BUS_PORT_SHIFT)
						+ " (the cluster bus of " + spec.name() + ") is already in use");
			}
			boolean choose = spec.proxyPort() == NodeSpec.PROXY_PORT_AUTO
					|| (spec.proxyPort() > 0 && !portFree(spec.proxyPort()));
			specs.add(choose ? spec.withProxyPort(freePort()) : spec);
		}
		try {
			Files.createDirectories(runDir.resolve("logs"));
		}
		catch (IOException ex) {
			throw new UncheckedIOException("cannot create " + runDir, ex);
		}
		ClusterSecrets secrets = ClusterSecrets.in(runDir);
		if (plan.tls()) {
			LoopbackCertificate certificate = plan.certificate().made();
			Http.trust(certificate);
			progress.accept("every node serves HTTPS with " + certificate.certificate() + " (trust it: curl --cacert)");
		}
		List<NodeRecord> started = new ArrayList<>();
		String gatewayUrl = specs.stream().filter((s) -> s.kind() == NodeKind.GATEWAY).findFirst().orElseThrow().url();
		ClusterState state = new ClusterState(plan.managerUrl(), gatewayUrl, plan.effectiveRedisUrl(), started,
				plan.tls());
		try {
			if (plan.redisCluster()) {
				started.addAll(startRedisCluster(plan, specs));
				new ClusterState(state.managerUrl(), gatewayUrl, state.redisUrl(), started, plan.tls()).save(runDir);
			}
			boolean trained = false;
			for (NodeSpec spec : specs) {
				if (plan.redisCluster() && spec.kind() == NodeKind.REDIS) {
					continue;
				}
				if (spec.kind() != NodeKind.REDIS && !trained) {
					// After Redis is up, so a training run gets as far as a real start.
					cds.prepare(trainings(specs));
					trained = true;
				}
				started.add((spec.kind() == NodeKind.REDIS) ? startRedis(spec) : launch(spec, secrets));
				new ClusterState(state.managerUrl(), gatewayUrl, state.redisUrl(), started, plan.tls()).save(runDir);
			}
			state = new ClusterState(plan.managerUrl(), gatewayUrl, plan.effectiveRedisUrl(), List.copyOf(started),
					plan.tls());
			Readiness.awaitAll(state.nodes(), readyTimeout, progress);
			// Asked without a token: a stale one (another cluster's key) would be refused even here.
			Http.useToken(null);
			String token = adminToken(plan.managerUrl(), secrets);
			ClusterSecrets.writeAdminToken(runDir, token);
			Http.useToken(token);
			progress.accept("admin token in " + runDir.resolve(ClusterSecrets.ADMIN_TOKEN_FILE));
			// At least a minute; longer when the caller allows a slow start (a busy machine settles slowly too).
			Duration settle = (readyTimeout.compareTo(Duration.ofMinutes(1)) > 0) ? readyTimeout : Duration.ofMinutes(1);
			Settle.await(state, plan.schedulers(), plan.seeds(), settle, progress);
			return state;
		}
		catch (RuntimeException ex) {
			progress.accept("startup failed, stopping what was started: " + ex.getMessage());
			stopAll(started);
			throw ex;
		}
	}

	/**
	 * Stops every node (SIGTERM, then SIGKILL after 10 s) and forgets the cluster. Logs stay. Says, per
	 * node, whether it was running: a pid that now names another process is left alone.
	 */
	public List<NodeStop> down() {
		ClusterState state = ClusterState.load(runDir).orElse(null);
		if (state == null) {
			return List.of();
		}
		List<NodeRecord> nodes = new ArrayList<>(state.nodes());
		List<NodeStop> stops = nodes.stream().map(NodeStop::before).toList();
		stopAll(nodes);
		try {
			Files.deleteIfExists(runDir.resolve(ClusterSecrets.ADMIN_TOKEN_FILE));
			Files.deleteIfExists(runDir.resolve(ClusterState.FILE));
		}
		catch (IOException ex) {
			throw new UncheckedIOException("cannot remove " + runDir.resolve(ClusterState.FILE), ex);
		}
		return stops;
	}

	/** SIGKILLs one node, as a drill. */
	public NodeRecord kill(String name) {
		ClusterState state = state();
		NodeRecord node = state.node(name).orElseThrow(() -> unknownNode(state, name));
		if (!node.alive()) {
			throw new IllegalStateException(name + " is not running");
		}
		node.process().ifPresent((p) -> {
			p.destroyForcibly();
			p.onExit().orTimeout(10, TimeUnit.SECONDS).join();
		});
		NodeRecord dead = node.withPid(0);
		state.with(dead).save(runDir);
		return dead;
	}

	/**
	 * Freezes one node with SIGSTOP, as a drill: the process keeps its sockets, so connections to it are
	 * still accepted by the kernel and never answered (a hung node, not a dead one). {@link #resume} undoes it.
	 */
	public NodeRecord pause(String name) {
		return signal(name, "STOP");
	}

	/** Lets a node frozen by {@link #pause} run again (SIGCONT). */
	public NodeRecord resume(String name) {
		return signal(name, "CONT");
	}

	private NodeRecord signal(String name, String signal) {
		ClusterState state = state();
		NodeRecord node = state.node(name).orElseThrow(() -> unknownNode(state, name));
		ProcessHandle process = node.process()
			.orElseThrow(() -> new IllegalStateException(name + " is not running"));
		try {
			Process kill = new ProcessBuilder("kill", "-" + signal, Long.toString(process.pid())).inheritIO().start();
			if (!kill.waitFor(10, TimeUnit.SECONDS) || kill.exitValue() != 0) {
				throw new IllegalStateException("kill -" + signal + " " + process.pid() + " (" + name + ") failed");
			}
		}
		catch (IOException ex) {
			throw new UncheckedIOException("cannot run kill -" + signal + " for " + name, ex);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException("interrupted", ex);
		}
		return node;
	}

	/** Starts a stopped or killed node again with its original command line and waits until ready. */
	public NodeRecord start(String name, Duration readyTimeout) {
		ClusterState state = state();
		NodeRecord node = state.node(name).orElseThrow(() -> unknownNode(state, name));
		if (node.alive()) {
			throw new IllegalStateException(name + " is already running (pid " + node.pid() + ")");
		}
		NodeRecord running = node.withPid(
				spawn(node.command(), Path.of(node.log()), ClusterSecrets.in(runDir).environment(node.kind())));
		state.with(running).save(runDir);
		Readiness.awaitAll(List.of(running), readyTimeout, progress);
		return running;
	}

	public ClusterState state() {
		return ClusterState.load(runDir)
			.orElseThrow(() -> new ClusterNotRunningException(
					"no cluster in " + runDir + ": start one with ./damselfly up"));
	}

	private NodeRecord startRedis(NodeSpec spec) {
		LocalRedisServer redis = LocalRedisServer.on(spec.port(), runDir.resolve("redis")).start();
		Long pid = redis.pid();
		List<String> command = List.of("redis", String.valueOf(spec.port()));
		return new NodeRecord(spec.name(), spec.kind(), spec.port(), redis.endpoint().url(), 0, null, command,
				runDir.resolve("redis").resolve("redis.log").toString()).withPid((pid != null) ? pid : 0);
	}

	/**
	 * Starts the six Redis Cluster nodes, creates the cluster (3 masters, 3 replicas) and records each
	 * node; each keeps its files under {@code <runDir>/redis-cluster/<port>}, so a node killed by a drill
	 * and started again rejoins as a replica.
	 */
	private List<NodeRecord> startRedisCluster(ClusterPlan plan, List<NodeSpec> specs) {
		progress.accept("starting a Redis Cluster (3 masters, 3 replicas) on " + plan.redisClusterNodes());
		LocalRedisCluster redisCluster = LocalRedisCluster.on(plan.redisClusterBasePort(), runDir.resolve("redis-cluster"));
		List<NodeRecord> records = new ArrayList<>();
		try {
			redisCluster.start();
		}
		catch (RuntimeException ex) {
			redisCluster.stop();
			throw ex;
		}
		List<Long> pids = redisCluster.pids();
		List<NodeSpec> redisSpecs = specs.stream().filter((s) -> s.kind() == NodeKind.REDIS).toList();
		for (int i = 0; i < redisSpecs.size(); i++) {
			NodeSpec spec = redisSpecs.get(i);
			records.add(new NodeRecord(spec.name(), spec.kind(), spec.port(), "redis://127.0.0.1:" + spec.port(), 0,
					null, List.of(REDIS_CLUSTER_NODE, String.valueOf(spec.port())),
					runDir.resolve("redis-cluster").resolve(String.valueOf(spec.port())).resolve("redis.log").toString())
				.withPid(pids.get(i)));
		}
		return records;
	}

	/** The operator's token, traded for the admin secret at the manager; it lasts as long as the cluster. */
	private static String adminToken(String managerUrl, ClusterSecrets secrets) {
		JsonNode grant = Http.post(managerUrl + "/api/v1/auth/token", Map.of("role", "admin", "secret", secrets.admin()),
				JsonNode.class);
		return grant.get("token").asString();
	}

	private NodeRecord launch(NodeSpec spec, ClusterSecrets secrets) {
		String module = spec.kind().module();
		Path jar = Jars.jar(home, module);
		List<String> command = new ArrayList<>();
		command.add(javaBinary());
		command.addAll(jvmOptions(spec.kind()));
		command.addAll(cds.launch(module, jar));
		spec.properties().forEach((p) -> command.add("--" + p));
		Path log = runDir.resolve("logs").resolve(spec.name() + ".log");
		long pid = spawn(command, log, secrets.environment(spec.kind()));
		return new NodeRecord(spec.name(), spec.kind(), spec.port(), spec.url(), 0, null, List.copyOf(command),
				log.toString(), spec.proxyPort()).withPid(pid);
	}

	/** Starts a process; its secrets go in its environment, never its command line. */
	private long spawn(List<String> command, Path log, Map<String, String> environment) {
		if (command.get(0).equals(REDIS_CLUSTER_NODE)) {
			return LocalRedisCluster.startNode(runDir.resolve("redis-cluster"), Integer.parseInt(command.get(1))).pid();
		}
		if (command.get(0).equals("redis")) {
			int port = Integer.parseInt(command.get(1));
			Long pid = LocalRedisServer.on(port, runDir.resolve("redis")).start().pid();
			return (pid != null) ? pid : 0;
		}
		try {
			ProcessBuilder builder = new ProcessBuilder(command);
			builder.environment().putAll(environment);
			Process process = builder.redirectErrorStream(true)
				.redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()))
				.redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")))
				.start();
			return process.pid();
		}
		catch (IOException ex) {
			throw new UncheckedIOException("cannot start " + String.join(" ", command), ex);
		}
	}

	private static void stopAll(List<NodeRecord> nodes) {
		Map<NodeRecord, ProcessHandle> live = new LinkedHashMap<>();
		for (int i = nodes.size() - 1; i >= 0; i--) {
			NodeRecord node = nodes.get(i);
			if (node.kind() != NodeKind.REDIS) {
				node.process().ifPresent((p) -> live.put(node, p));
			}
		}
		live.values().forEach(ProcessHandle::destroy);
		awaitExit(live.values());
		// Redis last, so services flush their state and shut down cleanly against it.
		nodes.stream().filter((n) -> n.kind() == NodeKind.REDIS)
			.forEach((n) -> n.process().ifPresent((p) -> {
				p.destroy();
				awaitExit(List.of(p));
			}));
	}

	private static void awaitExit(Iterable<ProcessHandle> processes) {
		long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
		for (ProcessHandle p : processes) {
			long left = Math.max(0, deadline - System.nanoTime());
			try {
				p.onExit().get(left, TimeUnit.NANOSECONDS);
			}
			catch (Exception ex) {
				p.destroyForcibly();
			}
		}
	}

	/**
	 * One class-data sharing training per module, with the JVM options and properties of its first node:
	 * its own port and storage are replaced, and a scheduler trains under an instance id of its own.
	 */
	static List<ClassDataSharing.Training> trainings(List<NodeSpec> specs) {
		Map<String, ClassDataSharing.Training> byModule = new LinkedHashMap<>();
		for (NodeSpec spec : specs) {
			String module = spec.kind().module();
			if (module == null || byModule.containsKey(module)) {
				continue;
			}
			List<String> properties = new ArrayList<>(spec.properties().stream()
				.filter((p) -> !p.startsWith("server.port=") && !p.startsWith("damselfly.storage.dir=")
						&& !p.startsWith("damselfly.scheduler.instance-id="))
				.toList());
			if (spec.kind() == NodeKind.SCHEDULER) {
				properties.add("damselfly.scheduler.instance-id=cds-training");
			}
			byModule.put(module, new ClassDataSharing.Training(module, baseOptions(spec.kind()), properties));
		}
		return List.copyOf(byModule.values());
	}

	/**
	 * The caller's readiness timeout, or {@code DAMSELFLY_READY_TIMEOUT} (a duration such as {@code 10m}
	 * or {@code 600s}) when that is longer: on a machine shared by many builds, ten JVMs may need minutes
	 * of CPU they do not get to start.
	 */
	static Duration readyTimeout(Duration fallback) {
		String env = System.getenv("DAMSELFLY_READY_TIMEOUT");
		if (env == null || env.isBlank()) {
			return fallback;
		}
		String text = env.trim().toLowerCase(java.util.Locale.ROOT);
		long amount = Long.parseLong(text.replaceAll("[^0-9]", ""));
		Duration wanted = text.endsWith("m") ? Duration.ofMinutes(amount) : Duration.ofSeconds(amount);
		return (wanted.compareTo(fallback) > 0) ? wanted : fallback;
	}

	static List<String> jvmOptions(NodeKind kind) {
		String env = System.getenv("DAMSELFLY_JAVA_OPTS");
		List<String> options = baseOptions(kind);
		if (env != null && !env.isBlank()) {
			options.addAll(List.of(env.trim().split("\\s+")));
		}
		return options;
	}

	/** The JVM options of a kind of node, without {@code DAMSELFLY_JAVA_OPTS}. */
	static List<String> baseOptions(NodeKind kind) {
		return baseOptions(kind, !"0".equals(System.getenv("DAMSELFLY_AOT")));
	}

	/**
	 * @param aot whether the node runs the bean definitions its jar holds ahead-of-time processed
	 * ({@code -Dspring.aot.enabled=true}): no configuration-class parsing or condition evaluation at
	 * start, about a quarter less CPU to start a peer. Off ({@code DAMSELFLY_AOT=0}) for a setting that
	 * switches beans on or off at run time, such as which actuator endpoints are exposed: with it on, the
	 * beans are those of the build.
	 */
	static List<String> baseOptions(NodeKind kind, boolean aot) {
		// -Xms32m: the default initial heap is 1/64 of the machine's memory (376 MiB here), which a node
		// touches page by page while it starts; grown on demand, a peer starts on 20% less CPU and 50 MiB less.
		List<String> options = new ArrayList<>(
				List.of("-XX:+UseSerialGC", "-Xms32m", "-Xss512k", "-XX:+ExitOnOutOfMemoryError"));
		if (aot) {
			options.add("-Dspring.aot.enabled=true");
		}
		if (kind == NodeKind.SEED || kind == NodeKind.PEER) {
			options.add("-Xmx512m");
			// A peer answers a few hundred requests per GiB (4 MiB pieces), so the code around each
			// request crosses the JIT's thresholds slowly, and C2 was still compiling it after a GiB of
			// warm-up: 27-30% of a peer's CPU in a swarm. Thresholds four times higher leave that
			// lukewarm code to C1 while the per-chunk paths (copy, SHA-256, the codec) still reach C2 in
			// the first megabytes. The JIT's share of a peer's CPU fell from 30% to 10%, and one-round swarm
			// benches in one hour gave 9.5-9.9 s of CPU per GiB against 12.7 s; the 3-pair bench did not
			// tell the two apart (1.87x against 1.88x BitTorrent). See BENCHMARKS.md.
			options.add("-XX:CompileThresholdScaling=4");
			// The data path allocates little (about 60 young collections per GiB with this young
			// generation), but a young generation grown with the heap to 16 MiB was touched in full, and
			// the old generation kept 40% free: a peer peaked at 200-216 MiB while downloading 1 GiB,
			// 194 MiB with these (BENCHMARKS.md, "Start-up and footprint").
			options.addAll(List.of("-Xmn6m", "-XX:MinHeapFreeRatio=10", "-XX:MaxHeapFreeRatio=30"));
		}
		else {
			// Control-plane services start faster on C1 alone, and ten JVMs share two cores here.
			options.addAll(List.of("-Xmx256m", "-XX:TieredStopAtLevel=1"));
		}
		return options;
	}

	private static String javaBinary() {
		return ProcessHandle.current().info().command().orElse("java");
	}

	/** A port free right now on loopback, for a proxy listener whose planned port is taken. */
	static int freePort() {
		try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
			return socket.getLocalPort();
		}
		catch (IOException ex) {
			throw new UncheckedIOException("cannot find a free port", ex);
		}
	}

	static boolean portFree(int port) {
		try (ServerSocket socket = new ServerSocket(port, 1, InetAddress.getLoopbackAddress())) {
			return true;
		}
		catch (IOException ex) {
			return false;
		}
	}

	private static IllegalArgumentException unknownNode(ClusterState state, String name) {
		return new IllegalArgumentException("no node named '" + name + "'; nodes: "
				+ String.join(", ", state.nodes().stream().map(NodeRecord::name).toList()));
	}

}
