package io.damselfly.peer.support;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import io.damselfly.common.digest.Digests;
import io.netty.buffer.Unpooled;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.netty.DisposableServer;
import reactor.netty.http.server.HttpServer;
import reactor.netty.http.server.HttpServerRequest;
import reactor.netty.http.server.HttpServerResponse;

/**
 * A small registry-like origin on a random loopback port: the {@code /v2/} ping, one manifest, blobs by
 * digest with Range (and a "lying" repository whose blob does not match its digest), a private repository
 * answering 401 with {@code WWW-Authenticate}, files, and redirects (chains, loops, to another origin, to
 * a 404). Records what it was asked and how many blob bytes it sent.
 */
public final class TestRegistry implements AutoCloseable {

	private static final Pattern BLOB = Pattern.compile("/v2/([a-z]+)/blobs/(sha256:[0-9a-f]{64})");

	private static final Pattern RANGE = Pattern.compile("bytes=(\\d+)-(\\d*)");

	public static final String MANIFEST = "{\"schemaVersion\":2,\"mediaType\":\"application/vnd.oci.image.manifest.v1+json\"}";

	public static final String WWW_AUTHENTICATE = "Bearer realm=\"http://auth.invalid/token\",service=\"test\"";

	private final Map<String, byte[]> blobs = new ConcurrentHashMap<>();

	private final Map<String, byte[]> files = new ConcurrentHashMap<>();

	private final Map<String, String> redirects = new ConcurrentHashMap<>();

	private final Map<String, String> rangeRedirects = new ConcurrentHashMap<>();

	private final AtomicLong blobBytes = new AtomicLong();

	/** {@code METHOD path Authorization} of every request, in order. */
	public final List<String> log = new CopyOnWriteArrayList<>();

	/** "METHOD path User-Agent" of every request, in order: tells the daemon's two origin clients apart. */
	public final List<String> agents = new CopyOnWriteArrayList<>();

	private final DisposableServer server;

	public TestRegistry() {
		server = HttpServer.create().host("127.0.0.1").port(0).route((r) -> r.route((req) -> true, this::serve))
			.bindNow();
	}

	public String base() {
		return "http://127.0.0.1:" + server.port();
	}

	/** The same server under another origin name (for "leaves the origin" checks). */
	public String otherOrigin() {
		return "http://localhost:" + server.port();
	}

	public int port() {
		return server.port();
	}

	/** Adds a blob under repository {@code app}; returns its digest. */
	public String blob(byte[] bytes) {
		String digest = "sha256:" + Digests.sha256Hex(bytes);
		blobs.put(digest, bytes);
		return digest;
	}

	/** Serves {@code bytes} at {@code /v2/lying/blobs/<digest>} whatever they hash to. */
	public void lyingBlob(String digest, byte[] bytes) {
		blobs.put("lying/" + digest, bytes);
	}

	public TestRegistry file(String name, byte[] bytes) {
		files.put(name, bytes);
		return this;
	}

	/**
	 * {@code path} serves file {@code name} to a HEAD or a GET without Range, and answers a Range request
	 * with 302 to {@code /files/<name>}, as a CDN that signs each ranged URL might.
	 */
	public TestRegistry redirectRanges(String path, String name) {
		rangeRedirects.put(path, name);
		return this;
	}

	/** {@code path} answers 302 (or the status given) with {@code Location: location}. */
	public TestRegistry redirect(String path, int status, String location) {
		redirects.put(path, status + " " + location);
		return this;
	}

	public long blobBytesSent() {
		return blobBytes.get();
	}

	private Mono<Void> serve(HttpServerRequest req, HttpServerResponse res) {
		String path = req.uri().replaceFirst("\\?.*", "");
		String auth = req.requestHeaders().get("Authorization");
		log.add(req.method().name() + " " + path + " " + auth);
		agents.add(req.method().name() + " " + path + " " + req.requestHeaders().get("User-Agent"));
		String redirect = redirects.get(path);
		if (redirect != null) {
			int space = redirect.indexOf(' ');
			return res.status(Integer.parseInt(redirect.substring(0, space)))
				.header("Location", redirect.substring(space + 1)).header("Content-Length", "9").sendString(Mono.just("redirect!")).then();
		}
		String ranged = rangeRedirects.get(path);
		if (ranged != null) {
			if (req.requestHeaders().contains("Range")) {
				return res.status(302).header("Location", "/files/" + ranged).header("Content-Length", "0").send();
			}
			return send(req, res, files.get(ranged), false);
		}
		if (path.equals("/v2/") || path.equals("/v2")) {
			return res.header("Docker-Distribution-API-Version", "registry/2.0").header("Content-Type", "application/json")
				.sendString(Mono.just("{}")).then();
		}
		if (path.startsWith("/v2/private/")) {
			return res.status(401).header("WWW-Authenticate", WWW_AUTHENTICATE).header("Content-Type", "application/json")
				.sendString(Mono.just("{\"errors\":[{\"code\":\"UNAUTHORIZED\"}]}")).then();
		}
		if (path.equals("/v2/app/manifests/v1")) {
			byte[] body = MANIFEST.getBytes(StandardCharsets.UTF_8);
			res.header("Content-Type", "application/vnd.oci.image.manifest.v1+json")
				.header("Docker-Content-Digest", "sha256:" + Digests.sha256Hex(body))
				.header("Content-Length", String.valueOf(body.length));
			return req.method().name().equals("HEAD") ? res.send() : res.sendByteArray(Mono.just(body)).then();
		}
		Matcher blob = BLOB.matcher(path);
		if (blob.matches()) {
			byte[] body = blob.group(1).equals("lying") ? blobs.get("lying/" + blob.group(2)) : blobs.get(blob.group(2));
			if (body != null) {
				return send(req, res, body, true);
			}
			return res.status(404).sendString(Mono.just("{\"errors\":[{\"code\":\"BLOB_UNKNOWN\"}]}")).then();
		}
		if (path.startsWith("/files/") && files.containsKey(path.substring(7))) {
			return send(req, res, files.get(path.substring(7)), false);
		}
		return res.status(404).send();
	}

	private Mono<Void> send(HttpServerRequest req, HttpServerResponse res, byte[] body, boolean blob) {
		res.header("Accept-Ranges", "bytes").header("Content-Type", "application/octet-stream");
		int from = 0;
		int to = body.length - 1;
		String range = req.requestHeaders().get("Range");
		if (range != null) {
			Matcher m = RANGE.matcher(range);
			if (m.matches()) {
				from = Integer.parseInt(m.group(1));
				to = m.group(2).isEmpty() ? to : Math.min(to, Integer.parseInt(m.group(2)));
				res.status(206).header("Content-Range", "bytes " + from + "-" + to + "/" + body.length);
			}
		}
		int length = to - from + 1;
		res.header("Content-Length", String.valueOf(length));
		if (req.method().name().equals("HEAD")) {
			return res.send();
		}
		if (blob) {
			blobBytes.addAndGet(length);
		}
		int start = from;
		return res.send(Flux.just(Unpooled.wrappedBuffer(body, start, length))).then();
	}

	@Override
	public void close() {
		server.disposeNow();
	}

}
