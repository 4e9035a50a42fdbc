package io.damselfly.registry;

import java.io.File;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A Debian {@code docker-registry} (CNCF distribution) on a free loopback port, storing on the filesystem,
 * with its access log in a file so the bytes it sends can be counted.
 */
public final class LocalRegistry implements AutoCloseable {

	/** {@code "GET /v2/<name>/blobs/sha256:<hex> HTTP/1.1" 200 <bytes>} in a combined-format access log line. */
	private static final Pattern ACCESS = Pattern.compile("\"(GET|HEAD) (/v2/\\S+) HTTP/[0-9.]+\" (\\d{3}) (\\d+)");

	private final Process process;

	private final int port;

	private final Path log;

	private LocalRegistry(Process process, int port, Path log) {
		this.process = process;
		this.port = port;
		this.log = log;
	}

	public static LocalRegistry start(Path dir) throws IOException, InterruptedException {
		Path binary = Tools.find(Tools.REGISTRY).orElseThrow(() -> new IllegalStateException(Tools.missing().orElse("")));
		int port;
		try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
			port = socket.getLocalPort();
		}
		Files.createDirectories(dir.resolve("storage"));
		Path config = dir.resolve("config.yml");
		Files.writeString(config, String.join("\n", "version: 0.1", "log:", "  level: info", "  accesslog:",
				"    disabled: false", "storage:", "  filesystem:", "    rootdirectory: " + dir.resolve("storage"),
				"http:", "  addr: 127.0.0.1:" + port, ""));
		Path log = dir.resolve("registry.log");
		Process process = new ProcessBuilder(binary.toString(), "serve", config.toString()).redirectErrorStream(true)
			.redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()))
			.redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null"))).start();
		LocalRegistry registry = new LocalRegistry(process, port, log);
		long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
		while (System.nanoTime() < deadline) {
			if (!process.isAlive()) {
				throw new IllegalStateException("docker-registry exited: " + Files.readString(log));
			}
			try (Socket probe = new Socket(InetAddress.getLoopbackAddress(), port)) {
				return registry;
			}
			catch (IOException notYet) {
				Thread.sleep(100);
			}
		}
		registry.close();
		throw new IllegalStateException("docker-registry did not listen on " + port + " within 20 s");
	}

	public String hostPort() {
		return "127.0.0.1:" + port;
	}

	public String url() {
		return "http://" + hostPort();
	}

	/** The access log's blob GETs and manifest GETs so far. */
	public Traffic traffic() throws IOException {
		long blobBytes = 0;
		int blobGets = 0;
		int manifestGets = 0;
		List<String> lines = Files.readAllLines(log);
		for (String line : lines) {
			Matcher m = ACCESS.matcher(line);
			if (!m.find() || !m.group(1).equals("GET")) {
				continue;
			}
			if (m.group(2).contains("/blobs/")) {
				blobGets++;
				blobBytes += Long.parseLong(m.group(4));
			}
			else if (m.group(2).contains("/manifests/")) {
				manifestGets++;
			}
		}
		return new Traffic(blobBytes, blobGets, manifestGets);
	}

	/**
	 * What the registry served, from its access log.
	 *
	 * @param blobBytes body bytes of blob GETs
	 * @param blobGets blob GETs
	 * @param manifestGets manifest GETs
	 */
	public record Traffic(long blobBytes, int blobGets, int manifestGets) {

		public Traffic minus(Traffic before) {
			return new Traffic(blobBytes - before.blobBytes, blobGets - before.blobGets, manifestGets - before.manifestGets);
		}

	}

	@Override
	public void close() {
		process.destroy();
		try {
			if (!process.waitFor(5, TimeUnit.SECONDS)) {
				process.destroyForcibly();
			}
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			process.destroyForcibly();
		}
	}

}
