package io.damselfly.redis;

import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import redis.embedded.core.ExecutableProvider;

/**
 * A Redis server process on loopback: {@code redis-server} from the PATH when there is one, else the
 * binary bundled by embedded-redis, run the same way. Used by the test chain and by {@code damselfly up}. It can be
 * stopped and started again on the same port, which the Redis-restart drills need.
 */
public final class LocalRedisServer implements AutoCloseable {

	private static final Logger logger = LoggerFactory.getLogger(LocalRedisServer.class);

	private final int port;

	private final @Nullable Path workDir;

	private @Nullable Process process;

	private String source = "none";

	private boolean embeddedOnly;

	private LocalRedisServer(int port, @Nullable Path workDir) {
		this.port = port;
		this.workDir = workDir;
	}

	/**
	 * Uses the binary bundled by embedded-redis even when {@code redis-server} is on the PATH: the last
	 * link of the chain, exercised on purpose so it is known to work on machines without Redis.
	 */
	public LocalRedisServer embeddedOnly() {
		this.embeddedOnly = true;
		return this;
	}

	/** A server on a free loopback port, not started. */
	public static LocalRedisServer onFreePort() {
		return new LocalRedisServer(freePort(), null);
	}

	/**
	 * A server on the given port, keeping its files (log, append-only file) in {@code workDir}, not
	 * started.
	 */
	public static LocalRedisServer on(int port, @Nullable Path workDir) {
		return new LocalRedisServer(port, workDir);
	}

	/** The {@code redis-server} executable on the PATH, if any. */
	public static Optional<Path> findOnPath() {
		String path = System.getenv("PATH");
		if (path == null) {
			return Optional.empty();
		}
		for (String dir : path.split(File.pathSeparator)) {
			Path candidate = Path.of(dir, "redis-server");
			if (Files.isExecutable(candidate)) {
				return Optional.of(candidate);
			}
		}
		return Optional.empty();
	}

	/**
	 * Starts the server and waits until it answers PING. Both links run Redis as a plain child process,
	 * so it outlives this JVM unless {@link #stop()} is called (which {@code damselfly up} relies on).
	 * @throws IllegalStateException when neither a PATH binary nor the embedded one starts
	 */
	public synchronized LocalRedisServer start() {
		if (isRunning()) {
			return this;
		}
		Optional<Path> onPath = embeddedOnly ? Optional.empty() : findOnPath();
		Path binary = onPath.orElseGet(LocalRedisServer::embeddedBinary);
		source = onPath.isPresent() ? "redis-server" : "embedded";
		startProcess(binary);
		awaitPing(Duration.ofSeconds(15));
		logger.info("Redis ({}) listening on 127.0.0.1:{}", source, port);
		return this;
	}

	/** The redis-server binary bundled by embedded-redis, extracted to a temporary file. */
	static Path embeddedBinary() {
		try {
			File file = ExecutableProvider.newJarResourceProvider().get();
			if (!file.canExecute() && !file.setExecutable(true)) {
				throw new IllegalStateException("embedded redis-server at " + file + " is not executable");
			}
			return file.toPath();
		}
		catch (IOException ex) {
			throw new IllegalStateException("could not extract the embedded redis-server: " + ex.getMessage(), ex);
		}
	}

	private void startProcess(Path binary) {
		List<String> command = new ArrayList<>(List.of(binary.toString(), "--port", String.valueOf(port), "--bind",
				"127.0.0.1", "--save", "", "--protected-mode", "no"));
		if (workDir != null) {
			command.addAll(List.of("--dir", workDir.toString(), "--appendonly", "yes"));
		}
		else {
			command.addAll(List.of("--appendonly", "no"));
		}
		try {
			ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true)
				.redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")));
			if (workDir != null) {
				Files.createDirectories(workDir);
				builder.redirectOutput(ProcessBuilder.Redirect.appendTo(workDir.resolve("redis.log").toFile()));
			}
			else {
				builder.redirectOutput(ProcessBuilder.Redirect.DISCARD);
			}
			process = builder.start();
		}
		catch (IOException ex) {
			throw new IllegalStateException("could not start " + binary + ": " + ex.getMessage(), ex);
		}
	}

	public boolean isRunning() {
		return process != null && process.isAlive();
	}

	/** Stops the server; a later {@link #start()} brings it back on the same port. */
	public synchronized void stop() {
		if (process != null) {
			process.destroy();
			try {
				if (!process.waitFor(10, java.util.concurrent.TimeUnit.SECONDS)) {
					process.destroyForcibly().waitFor();
				}
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
			}
			process = null;
		}
	}

	@Override
	public void close() {
		stop();
	}

	public RedisEndpoint endpoint() {
		return new RedisEndpoint("127.0.0.1", port, source);
	}

	public int port() {
		return port;
	}

	public @Nullable Long pid() {
		return (process != null) ? process.pid() : null;
	}

	private void awaitPing(Duration timeout) {
		long deadline = System.nanoTime() + timeout.toNanos();
		IOException last = null;
		while (System.nanoTime() < deadline) {
			if (process != null && !process.isAlive()) {
				throw new IllegalStateException("redis-server exited with code " + process.exitValue()
						+ " before answering on port " + port);
			}
			try {
				if (ping("127.0.0.1", port)) {
					return;
				}
			}
			catch (IOException ex) {
				last = ex;
			}
			sleep(50);
		}
		stop();
		throw new IllegalStateException("Redis did not answer PING on port " + port + " within " + timeout
				+ ((last != null) ? ": " + last.getMessage() : ""));
	}

	/** Sends {@code PING} over a raw socket; true on {@code +PONG}. */
	public static boolean ping(String host, int port) throws IOException {
		try (Socket socket = new Socket()) {
			socket.connect(new InetSocketAddress(host, port), 500);
			socket.setSoTimeout(1000);
			OutputStream out = socket.getOutputStream();
			out.write("PING\r\n".getBytes(StandardCharsets.US_ASCII));
			out.flush();
			InputStream in = socket.getInputStream();
			byte[] buf = new byte[7];
			int n = in.readNBytes(buf, 0, 7);
			return new String(buf, 0, n, StandardCharsets.US_ASCII).startsWith("+PONG");
		}
	}

	public static int freePort() {
		try (ServerSocket socket = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
			socket.setReuseAddress(true);
			return socket.getLocalPort();
		}
		catch (IOException ex) {
			throw new IllegalStateException("no free port on loopback", ex);
		}
	}

	private static void sleep(long millis) {
		try {
			Thread.sleep(millis);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException("interrupted while waiting for Redis", ex);
		}
	}

}
