package io.damselfly.cli.origin;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.security.MessageDigest;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;

import org.jspecify.annotations.Nullable;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.damselfly.common.digest.Digests;

/**
 * An origin HTTP server on loopback that serves generated files and counts every byte it sends, so a
 * demo or a test can say how many times the origin served a file. Range support and Content-Length
 * can be switched off per file to mimic origins that lack them; a header can be required, to check
 * that origin headers pass through. Files carry an {@code ETag} and a {@code Last-Modified} and answer
 * conditional requests with 304, like a web server, unless validators are switched off; a file can
 * be replaced in place, as a republished {@code latest} build is.
 */
public final class DemoOrigin implements AutoCloseable {


	private final HttpServer server;

	private final ExecutorService executor = Executors.newFixedThreadPool(16);

	private final Map<String, Served> files = new ConcurrentHashMap<>();

	private final AtomicLong totalBytes = new AtomicLong();

	private DemoOrigin(HttpServer server) {
		this.server = server;
	}

	/** Starts on the given port (0 for a free one). */
	public static DemoOrigin start(int port) {
		try {
			HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 64);
			DemoOrigin origin = new DemoOrigin(server);
			server.createContext("/", origin::handle);
			server.setExecutor(origin.executor);
			server.start();
			return origin;
		}
		catch (IOException ex) {
			throw new UncheckedIOException("cannot start the origin on port " + port, ex);
		}
	}

	/**
	 * Serves a file at {@code /files/<name>}.
	 * @param ranges whether to honour Range requests and advertise {@code Accept-Ranges: bytes}
	 * @param contentLength whether to send Content-Length (else chunked)
	 * @param requiredHeader a {@code Name: value} the request must carry, or null
	 * @param validators whether to send {@code ETag} and {@code Last-Modified} and answer conditional
	 * requests with 304
	 */
	public String serve(String name, Path file, boolean ranges, boolean contentLength, @Nullable String requiredHeader,
			boolean validators) {
		files.put(name, new Served(new AtomicReference<>(file), ranges, contentLength, requiredHeader, validators,
				new AtomicLong(1), new AtomicLong(), new AtomicLong(), new AtomicLong(), new AtomicLong(),
				new AtomicLong()));
		return url(name);
	}

	public String serve(String name, Path file, boolean ranges, boolean contentLength, @Nullable String requiredHeader) {
		return serve(name, file, ranges, contentLength, requiredHeader, true);
	}

	public String serve(String name, Path file) {
		return serve(name, file, true, true, null);
	}

	/** Replaces a served file's content in place (a new ETag), keeping its settings and counters. */
	public void replace(String name, Path file) {
		Served served = files.get(name);
		if (served == null) {
			throw new IllegalArgumentException("no file " + name + " is served");
		}
		served.file().set(file);
		served.version().incrementAndGet();
	}

	public String url(String name) {
		return "http://127.0.0.1:" + port() + "/files/" + name;
	}

	public int port() {
		return server.getAddress().getPort();
	}

	/** Body bytes sent for one file, over all requests. */
	public long bytesSent(String name) {
		Served served = files.get(name);
		return (served != null) ? served.bytes().get() : 0;
	}

	public long requests(String name) {
		Served served = files.get(name);
		return (served != null) ? served.requests().get() : 0;
	}

	/** HEAD requests for one file. */
	public long heads(String name) {
		Served served = files.get(name);
		return (served != null) ? served.heads().get() : 0;
	}

	/** GET requests for one file, ranged or not, 304 answers included. */
	public long gets(String name) {
		Served served = files.get(name);
		return (served != null) ? served.gets().get() : 0;
	}

	/** Requests for one file answered 304 Not Modified. */
	public long notModified(String name) {
		Served served = files.get(name);
		return (served != null) ? served.notModified().get() : 0;
	}

	public long totalBytesSent() {
		return totalBytes.get();
	}

	@Override
	public void close() {
		server.stop(0);
		executor.shutdownNow();
	}

	private void handle(HttpExchange exchange) throws IOException {
		try (exchange) {
			String path = exchange.getRequestURI().getPath();
			Served served = path.startsWith("/files/") ? files.get(path.substring("/files/".length())) : null;
			if (served == null) {
				exchange.sendResponseHeaders(404, -1);
				return;
			}
			served.requests().incrementAndGet();
			if (served.requiredHeader() != null && !hasHeader(exchange, served.requiredHeader())) {
				exchange.sendResponseHeaders(401, -1);
				return;
			}
			(exchange.getRequestMethod().equals("HEAD") ? served.heads() : served.gets()).incrementAndGet();
			Path file = served.file().get();
			long size = Files.size(file);
			if (served.validators() && validators(exchange, served, file, size)) {
				served.notModified().incrementAndGet();
				exchange.sendResponseHeaders(304, -1);
				return;
			}
			ByteRange range;
			if (served.ranges()) {
				exchange.getResponseHeaders().add("Accept-Ranges", "bytes");
				range = ByteRange.answer(exchange, size);
				if (range == null) {
					return;
				}
			}
			else {
				range = new ByteRange(0, size - 1, false);
			}
			long length = range.length();
			exchange.getResponseHeaders().add("Content-Type", "application/octet-stream");
			if (exchange.getRequestMethod().equals("HEAD")) {
				if (served.contentLength()) {
					exchange.getResponseHeaders().add("Content-Length", String.valueOf(length));
				}
				exchange.sendResponseHeaders(range.status(), -1);
				return;
			}
			// -1 means "no body" to HttpServer, so an empty file with Content-Length is sent as 0 => chunked;
			// an empty body is the same bytes either way.
			exchange.sendResponseHeaders(range.status(), (served.contentLength() && length > 0) ? length : 0);
			copy(served, file, exchange.getResponseBody(), range.start(), length);
		}
	}

	/**
	 * Sets {@code ETag} and {@code Last-Modified} and says whether a conditional request is answered 304
	 * (RFC 9110 §13.2.2: If-None-Match first, If-Modified-Since only without it).
	 */
	private static boolean validators(HttpExchange exchange, Served served, Path file, long size) throws IOException {
		long modified = Files.getLastModifiedTime(file).toMillis();
		String etag = "\"v" + served.version().get() + "-" + Long.toHexString(size) + "-" + Long.toHexString(modified)
				+ "\"";
		ZonedDateTime lastModified = Instant.ofEpochMilli(modified).atZone(ZoneOffset.UTC);
		exchange.getResponseHeaders().add("ETag", etag);
		exchange.getResponseHeaders().add("Last-Modified", DateTimeFormatter.RFC_1123_DATE_TIME.format(lastModified));
		String noneMatch = exchange.getRequestHeaders().getFirst("If-None-Match");
		if (noneMatch != null) {
			return noneMatch.trim().equals("*") || java.util.Arrays.stream(noneMatch.split(","))
				.map((tag) -> tag.trim().replaceFirst("^W/", "")).anyMatch(etag::equals);
		}
		String since = exchange.getRequestHeaders().getFirst("If-Modified-Since");
		if (since != null) {
			try {
				ZonedDateTime ims = ZonedDateTime.parse(since.trim(), DateTimeFormatter.RFC_1123_DATE_TIME);
				return lastModified.toEpochSecond() <= ims.toEpochSecond();
			}
			catch (DateTimeParseException ex) {
				return false;
			}
		}
		return false;
	}

	private void copy(Served served, Path file, OutputStream out, long start, long length) throws IOException {
		try (InputStream in = Files.newInputStream(file)) {
			in.skipNBytes(start);
			byte[] buffer = new byte[64 * 1024];
			long left = length;
			while (left > 0) {
				int n = in.read(buffer, 0, (int) Math.min(buffer.length, left));
				if (n < 0) {
					break;
				}
				out.write(buffer, 0, n);
				left -= n;
				served.bytes().addAndGet(n);
				totalBytes.addAndGet(n);
			}
		}
	}

	private static boolean hasHeader(HttpExchange exchange, String header) {
		int colon = header.indexOf(':');
		String name = header.substring(0, colon).trim();
		String value = header.substring(colon + 1).trim();
		return value.equals(exchange.getRequestHeaders().getFirst(name));
	}

	/**
	 * Writes {@code size} deterministic pseudo-random bytes (incompressible, so no layer can cheat) and
	 * returns their hex SHA-256.
	 */
	public static String generate(Path file, long size, long seed) {
		try {
			Files.createDirectories(file.toAbsolutePath().getParent());
			MessageDigest sha = Digests.newSha256();
			SplittableRandom random = new SplittableRandom(seed);
			ByteBuffer buffer = ByteBuffer.allocate(1024 * 1024);
			try (FileChannel channel = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
					StandardOpenOption.TRUNCATE_EXISTING)) {
				long left = size;
				while (left > 0) {
					buffer.clear();
					int n = (int) Math.min(buffer.capacity(), left);
					for (int i = 0; i < n; i += 8) {
						long r = random.nextLong();
						for (int b = 0; b < 8 && i + b < n; b++) {
							buffer.put((byte) (r >>> (8 * b)));
						}
					}
					buffer.flip();
					sha.update(buffer.duplicate());
					while (buffer.hasRemaining()) {
						channel.write(buffer);
					}
					left -= n;
				}
			}
			return Digests.hex(sha);
		}
		catch (IOException ex) {
			throw new UncheckedIOException("cannot generate " + file, ex);
		}
	}

	private record Served(AtomicReference<Path> file, boolean ranges, boolean contentLength,
			@Nullable String requiredHeader, boolean validators, AtomicLong version, AtomicLong bytes, AtomicLong requests,
			AtomicLong heads, AtomicLong gets, AtomicLong notModified) {
	}

}
