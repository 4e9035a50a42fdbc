package io.damselfly.bench.support;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.damselfly.cli.origin.ByteRange;

/**
 * An origin on loopback whose total egress is capped, like an origin behind a link of that speed: one
 * token bucket shared by every connection, so N clients at once share the cap. Serves files with
 * Content-Length, {@code Accept-Ranges: bytes} and single ranges, and counts every body byte it sends.
 * A cap of 0 means uncapped.
 */
public final class ThrottledOrigin implements AutoCloseable {


	private static final int CHUNK = 64 * 1024;

	private final HttpServer server;

	private final ExecutorService executor = Executors.newCachedThreadPool((r) -> {
		Thread t = new Thread(r, "origin");
		t.setDaemon(true);
		return t;
	});

	private final Map<String, Path> files = new ConcurrentHashMap<>();

	private final AtomicLong bytesSent = new AtomicLong();

	private final AtomicLong requests = new AtomicLong();

	private final long bytesPerSecond;

	private long nextFree = System.nanoTime();

	private ThrottledOrigin(HttpServer server, long bytesPerSecond) {
		this.server = server;
		this.bytesPerSecond = bytesPerSecond;
	}

	/**
	 * Starts on a free loopback port.
	 * @param bytesPerSecond the cap on all bodies together, 0 for none
	 */
	public static ThrottledOrigin start(long bytesPerSecond) {
		try {
			HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 256);
			ThrottledOrigin origin = new ThrottledOrigin(server, bytesPerSecond);
			server.createContext("/", origin::handle);
			server.setExecutor(origin.executor);
			server.start();
			return origin;
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	/**
	 * Serves files by hand, for experiments: {@code java -Dloader.main=io.damselfly.bench.support.ThrottledOrigin
	 * -jar bench.jar <bytes-per-second, 0 = uncapped> <file>...}; prints each URL and runs until killed.
	 */
	public static void main(String[] args) throws InterruptedException {
		ThrottledOrigin origin = start(Long.parseLong(args[0]));
		for (int i = 1; i < args.length; i++) {
			Path file = Path.of(args[i]);
			System.out.println(origin.serve(file.getFileName().toString(), file));
		}
		Thread.currentThread().join();
	}

	public String serve(String name, Path file) {
		files.put(name, file);
		return "http://127.0.0.1:" + server.getAddress().getPort() + "/files/" + name;
	}

	public long bytesSent() {
		return bytesSent.get();
	}

	public long requests() {
		return requests.get();
	}

	@Override
	public void close() {
		server.stop(0);
		executor.shutdownNow();
	}

	private void handle(HttpExchange exchange) throws IOException {
		try (exchange) {
			String path = exchange.getRequestURI().getPath();
			Path file = path.startsWith("/files/") ? files.get(path.substring("/files/".length())) : null;
			if (file == null) {
				exchange.sendResponseHeaders(404, -1);
				return;
			}
			requests.incrementAndGet();
			long size = Files.size(file);
			exchange.getResponseHeaders().add("Accept-Ranges", "bytes");
			exchange.getResponseHeaders().add("Content-Type", "application/octet-stream");
			ByteRange range = ByteRange.answer(exchange, size);
			if (range == null) {
				return;
			}
			long length = range.length();
			if (exchange.getRequestMethod().equals("HEAD")) {
				exchange.getResponseHeaders().add("Content-Length", String.valueOf(length));
				exchange.sendResponseHeaders(range.status(), -1);
				return;
			}
			exchange.sendResponseHeaders(range.status(), length);
			copy(file, exchange.getResponseBody(), range.start(), length);
		}
	}

	private void copy(Path file, OutputStream out, long start, long length) throws IOException {
		byte[] array = new byte[CHUNK];
		ByteBuffer buffer = ByteBuffer.wrap(array);
		try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ)) {
			long position = start;
			long left = length;
			while (left > 0) {
				buffer.clear().limit((int) Math.min(CHUNK, left));
				int n = channel.read(buffer, position);
				if (n < 0) {
					break;
				}
				throttle(n);
				out.write(array, 0, n);
				position += n;
				left -= n;
				bytesSent.addAndGet(n);
			}
		}
	}

	/** Waits until the link has room for {@code n} more bytes: reservations in virtual time, in arrival order. */
	private void throttle(int n) {
		if (bytesPerSecond <= 0) {
			return;
		}
		long cost = n * 1_000_000_000L / bytesPerSecond;
		long until;
		synchronized (this) {
			long now = System.nanoTime();
			nextFree = Math.max(nextFree, now) + cost;
			until = nextFree;
		}
		long wait;
		while ((wait = until - System.nanoTime()) > 0) {
			LockSupport.parkNanos(wait);
		}
	}

}
