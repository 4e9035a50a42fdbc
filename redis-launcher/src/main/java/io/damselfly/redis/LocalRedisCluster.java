package io.damselfly.redis;

import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A real Redis Cluster on loopback (docs/architecture.md#past-one-machine): six {@code redis-server}
 * processes in cluster mode, three masters and three replicas, joined by
 * {@code redis-cli --cluster create ... --cluster-replicas 1}. Each node keeps its files
 * ({@code nodes.conf}, append-only file, log) in {@code <workDir>/<port>}, so a node killed by a drill
 * and started again rejoins the cluster by itself, as the replica of whoever took its slots over.
 * <p>
 * <b>Ports.</b> The nodes listen on {@code basePort … basePort + 5}; Redis Cluster also opens a bus
 * port on each node's port + 10000. Both must stay below the ephemeral range (Linux starts it at 32768),
 * so {@code basePort + 5 + 10000} must be under 32768: {@link #MAX_BASE_PORT}.
 */
public final class LocalRedisCluster implements AutoCloseable {

	private static final Logger logger = LoggerFactory.getLogger(LocalRedisCluster.class);

	/** Three masters and one replica each. */
	public static final int NODES = 6;

	/** Redis Cluster's bus port is the node's port plus this. */
	public static final int BUS_PORT_SHIFT = 10000;

	/** The highest base port whose last bus port stays below the ephemeral range (32768). */
	public static final int MAX_BASE_PORT = 32767 - BUS_PORT_SHIFT - (NODES - 1);

	/** How long a master may be silent before its replica takes over; short, for drills on loopback. */
	public static final Duration NODE_TIMEOUT = Duration.ofMillis(2000);

	private final int basePort;

	private final Path workDir;

	private final List<Process> processes = new ArrayList<>();

	private LocalRedisCluster(int basePort, Path workDir) {
		if (basePort < 1024 || basePort > MAX_BASE_PORT) {
			throw new IllegalArgumentException("a Redis Cluster base port must be between 1024 and " + MAX_BASE_PORT
					+ " so that every bus port (port + " + BUS_PORT_SHIFT + ") stays below the ephemeral range; got "
					+ basePort);
		}
		this.basePort = basePort;
		this.workDir = workDir.toAbsolutePath();
	}

	/** A cluster on {@code basePort … basePort + 5}, keeping its files in {@code workDir}; not started. */
	public static LocalRedisCluster on(int basePort, Path workDir) {
		return new LocalRedisCluster(basePort, workDir);
	}

	/**
	 * A cluster on the first six consecutive free ports from 6400 (stepping by 10, up to 7990) whose bus
	 * ports are free too, so the bus stays in 16400-17999: below the ephemeral range and off the e2e
	 * port offsets.
	 */
	public static LocalRedisCluster onFreePorts(Path workDir) {
		for (int base = 6400; base < 8000; base += 10) {
			boolean free = true;
			for (int i = 0; i < NODES && free; i++) {
				free = portFree(base + i) && portFree(base + i + BUS_PORT_SHIFT);
			}
			if (free) {
				return on(base, workDir);
			}
		}
		throw new IllegalStateException("no six free consecutive loopback ports (and bus ports) in 6400-7999");
	}

	static boolean portFree(int port) {
		try (java.net.ServerSocket socket = new java.net.ServerSocket(port, 1, java.net.InetAddress.getLoopbackAddress())) {
			return true;
		}
		catch (IOException ex) {
			return false;
		}
	}

	/** Both binaries this needs, or a message saying which one is missing. */
	public static Optional<String> missingTools() {
		if (LocalRedisServer.findOnPath().isEmpty()) {
			return Optional.of("redis-server is not on the PATH (Debian: apt-get install redis-server)");
		}
		if (redisCli().isEmpty()) {
			return Optional.of("redis-cli is not on the PATH (Debian: apt-get install redis-tools)");
		}
		return Optional.empty();
	}

	/**
	 * Starts the six nodes, creates the cluster and waits until every slot is served and every master has
	 * a replica. The cluster starts empty: files of an earlier cluster in the work directory are removed
	 * first, since {@code --cluster create} only joins nodes that know nothing.
	 * @throws IllegalStateException when a tool is missing, a node does not start, or the cluster does not
	 * form within a minute
	 */
	public synchronized LocalRedisCluster start() {
		missingTools().ifPresent((missing) -> {
			throw new IllegalStateException("cannot start a local Redis Cluster: " + missing);
		});
		for (int port : ports()) {
			deleteRecursively(workDir.resolve(String.valueOf(port)));
		}
		for (int port : ports()) {
			processes.add(startNode(workDir, port));
		}
		for (int port : ports()) {
			awaitPing(port, Duration.ofSeconds(15));
		}
		create();
		awaitHealthy(Duration.ofSeconds(60));
		logger.info("Redis Cluster (3 masters, 3 replicas) ready on 127.0.0.1:{}-{}", basePort, basePort + NODES - 1);
		return this;
	}

	/**
	 * Starts one node of the cluster as a child process that outlives this JVM; with its
	 * {@code nodes.conf} from an earlier run it rejoins the cluster by itself.
	 */
	public static Process startNode(Path workDir, int port) {
		Path dir = workDir.toAbsolutePath().resolve(String.valueOf(port));
		Path binary = LocalRedisServer.findOnPath()
			.orElseThrow(() -> new IllegalStateException("redis-server is not on the PATH"));
		List<String> command = List.of(binary.toString(), "--port", String.valueOf(port), "--bind", "127.0.0.1",
				"--protected-mode", "no", "--cluster-enabled", "yes", "--cluster-config-file", "nodes.conf",
				"--cluster-node-timeout", String.valueOf(NODE_TIMEOUT.toMillis()), "--appendonly", "yes", "--save", "",
				"--dir", dir.toString());
		try {
			Files.createDirectories(dir);
			return new ProcessBuilder(command).redirectErrorStream(true)
				.redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")))
				.redirectOutput(ProcessBuilder.Redirect.appendTo(dir.resolve("redis.log").toFile()))
				.start();
		}
		catch (IOException ex) {
			throw new IllegalStateException("could not start Redis Cluster node on port " + port + ": " + ex.getMessage(),
					ex);
		}
	}

	private void create() {
		List<String> command = new ArrayList<>(List.of(redisCli().orElseThrow().toString(), "--cluster", "create"));
		ports().forEach((port) -> command.add("127.0.0.1:" + port));
		command.addAll(List.of("--cluster-replicas", "1", "--cluster-yes"));
		Path log = workDir.resolve("cluster-create.log");
		try {
			Files.createDirectories(workDir);
			Process process = new ProcessBuilder(command).redirectErrorStream(true)
				.redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")))
				.redirectOutput(log.toFile())
				.start();
			if (!process.waitFor(60, TimeUnit.SECONDS)) {
				process.destroyForcibly();
				throw new IllegalStateException("redis-cli --cluster create did not finish in 60 s; see " + log);
			}
			if (process.exitValue() != 0) {
				throw new IllegalStateException("redis-cli --cluster create failed (exit " + process.exitValue() + "): "
						+ Files.readString(log).strip());
			}
		}
		catch (IOException ex) {
			throw new IllegalStateException("could not run redis-cli --cluster create: " + ex.getMessage(), ex);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException("interrupted while creating the Redis Cluster", ex);
		}
	}

	/**
	 * Waits until every node reports every slot served and three masters each with a connected replica:
	 * one node saying ok is not enough, since a client routed to another may still get CLUSTERDOWN.
	 */
	public void awaitHealthy(Duration timeout) {
		long deadline = System.nanoTime() + timeout.toNanos();
		String last = "";
		while (System.nanoTime() < deadline) {
			boolean all = true;
			for (int port : ports()) {
				try {
					if (!healthy(port)) {
						all = false;
						last = port + ": not ok yet";
					}
				}
				catch (IOException ex) {
					all = false;
					last = port + ": " + ex.getMessage();
				}
			}
			if (all) {
				return;
			}
			sleep(200);
		}
		throw new IllegalStateException("the Redis Cluster on " + basePort + "-" + (basePort + NODES - 1)
				+ " did not become healthy within " + timeout + (last.isEmpty() ? "" : " (" + last + ")"));
	}

	/** True when the node answers that the cluster is ok and lists 3 connected masters and 3 replicas. */
	public static boolean healthy(int port) throws IOException {
		if (!command(port, "CLUSTER", "INFO").contains("cluster_state:ok")) {
			return false;
		}
		String nodes = command(port, "CLUSTER", "NODES");
		long masters = nodes.lines().filter((l) -> l.contains("master") && !l.contains("fail") && l.contains("connected"))
			.count();
		long replicas = nodes.lines().filter((l) -> l.contains("slave") && !l.contains("fail") && l.contains("connected"))
			.count();
		return masters == 3 && replicas == 3;
	}

	/** The port of a node that is a master now, per the node on {@code askPort}, serving slots. */
	public static List<Integer> masters(int askPort) throws IOException {
		return command(askPort, "CLUSTER", "NODES").lines()
			.filter((l) -> l.contains("master") && !l.contains("fail") && l.split(" ").length > 8)
			.map((l) -> Integer.parseInt(l.split(" ")[1].replaceAll("^[^:]*:(\\d+).*$", "$1")))
			.sorted()
			.collect(Collectors.toList());
	}

	/**
	 * Sends one command over a raw socket (RESP array of bulk strings) and returns the reply's text:
	 * a status, an error, or a bulk string; enough for {@code CLUSTER INFO} and {@code CLUSTER NODES}.
	 */
	public static String command(int port, String... args) throws IOException {
		try (Socket socket = new Socket()) {
			socket.connect(new InetSocketAddress("127.0.0.1", port), 500);
			socket.setSoTimeout(2000);
			StringBuilder request = new StringBuilder("*" + args.length + "\r\n");
			for (String arg : args) {
				request.append('$').append(arg.getBytes(StandardCharsets.UTF_8).length).append("\r\n").append(arg)
					.append("\r\n");
			}
			OutputStream out = socket.getOutputStream();
			out.write(request.toString().getBytes(StandardCharsets.UTF_8));
			out.flush();
			InputStream in = socket.getInputStream();
			String header = readLine(in);
			if (header.startsWith("$")) {
				int length = Integer.parseInt(header.substring(1));
				if (length < 0) {
					return "";
				}
				byte[] body = in.readNBytes(length);
				return new String(body, StandardCharsets.UTF_8);
			}
			return header;
		}
	}

	private static String readLine(InputStream in) throws IOException {
		StringBuilder line = new StringBuilder();
		int c;
		while ((c = in.read()) != -1) {
			if (c == '\r') {
				in.read();
				break;
			}
			line.append((char) c);
		}
		return line.toString();
	}

	public List<Integer> ports() {
		List<Integer> ports = new ArrayList<>(NODES);
		for (int i = 0; i < NODES; i++) {
			ports.add(basePort + i);
		}
		return ports;
	}

	/** {@code 127.0.0.1:port,…}, the form of {@code spring.data.redis.cluster.nodes}. */
	public String nodesProperty() {
		return ports().stream().map((p) -> "127.0.0.1:" + p).collect(Collectors.joining(","));
	}

	/** The pids of the nodes this instance started, in port order. */
	public List<Long> pids() {
		return processes.stream().map(Process::pid).toList();
	}

	/** Stops every node this instance started. */
	public synchronized void stop() {
		for (Process process : processes) {
			process.destroy();
		}
		for (Process process : processes) {
			try {
				if (!process.waitFor(10, TimeUnit.SECONDS)) {
					process.destroyForcibly().waitFor();
				}
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
			}
		}
		processes.clear();
	}

	@Override
	public void close() {
		stop();
	}

	private static void deleteRecursively(Path dir) {
		if (!Files.exists(dir)) {
			return;
		}
		try (var walk = Files.walk(dir)) {
			for (Path path : walk.sorted(java.util.Comparator.reverseOrder()).toList()) {
				Files.delete(path);
			}
		}
		catch (IOException ex) {
			throw new IllegalStateException("cannot remove the earlier Redis Cluster files in " + dir, ex);
		}
	}

	private static Optional<Path> redisCli() {
		return LocalRedisServer.findOnPath().map((server) -> server.resolveSibling("redis-cli"))
			.filter(Files::isExecutable);
	}

	private static void awaitPing(int port, Duration timeout) {
		long deadline = System.nanoTime() + timeout.toNanos();
		while (System.nanoTime() < deadline) {
			try {
				if (LocalRedisServer.ping("127.0.0.1", port)) {
					return;
				}
			}
			catch (IOException ex) {
				// not listening yet
			}
			sleep(50);
		}
		throw new IllegalStateException("Redis Cluster node on port " + port + " did not answer PING within " + timeout);
	}

	private static void sleep(long millis) {
		try {
			Thread.sleep(millis);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException("interrupted while waiting for the Redis Cluster", ex);
		}
	}

}
