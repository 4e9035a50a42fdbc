package io.damselfly.registry;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

/**
 * A front for a registry that answers blob GETs with {@code 307} to the registry's own URL, as registries
 * backed by object storage answer with a signed storage URL, and passes every other request through.
 */
public final class RedirectingFront implements AutoCloseable {

	private static final Set<String> HOP = Set.of("connection", "content-length", "transfer-encoding", "host",
			"keep-alive", "upgrade", "expect");

	private final HttpServer server;

	private final String registry;

	private final HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

	private final AtomicInteger redirects = new AtomicInteger();

	private RedirectingFront(HttpServer server, String registry) {
		this.server = server;
		this.registry = registry;
	}

	/** Starts the front on {@code port} (0 for any free one). */
	public static RedirectingFront start(String registryUrl, int port) throws IOException {
		HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", port), 64);
		RedirectingFront front = new RedirectingFront(server, registryUrl);
		server.createContext("/", front::handle);
		server.setExecutor(Executors.newCachedThreadPool());
		server.start();
		return front;
	}

	public String url() {
		return "http://127.0.0.1:" + server.getAddress().getPort();
	}

	/** Blob GETs answered with a redirect so far. */
	public int redirects() {
		return redirects.get();
	}

	private void handle(HttpExchange exchange) throws IOException {
		try (exchange) {
			String target = registry + exchange.getRequestURI().getRawPath()
					+ ((exchange.getRequestURI().getRawQuery() != null) ? "?" + exchange.getRequestURI().getRawQuery() : "");
			if (exchange.getRequestMethod().equals("GET") && exchange.getRequestURI().getPath().contains("/blobs/")) {
				redirects.incrementAndGet();
				exchange.getResponseHeaders().set("Location", target);
				exchange.sendResponseHeaders(307, -1);
				return;
			}
			byte[] body;
			try (InputStream in = exchange.getRequestBody()) {
				body = in.readAllBytes();
			}
			HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(target)).timeout(Duration.ofSeconds(60))
				.method(exchange.getRequestMethod(), (body.length > 0) ? HttpRequest.BodyPublishers.ofByteArray(body)
						: HttpRequest.BodyPublishers.noBody());
			exchange.getRequestHeaders().forEach((name, values) -> {
				if (!HOP.contains(name.toLowerCase(Locale.ROOT))) {
					values.forEach((v) -> request.header(name, v));
				}
			});
			HttpResponse<InputStream> response;
			try {
				response = client.send(request.build(), HttpResponse.BodyHandlers.ofInputStream());
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
				exchange.sendResponseHeaders(502, -1);
				return;
			}
			response.headers().map().forEach((name, values) -> {
				if (!HOP.contains(name.toLowerCase(Locale.ROOT)) && !name.startsWith(":")) {
					exchange.getResponseHeaders().put(name, List.copyOf(values));
				}
			});
			long length = response.headers().firstValueAsLong("Content-Length").orElse(0);
			boolean head = exchange.getRequestMethod().equals("HEAD");
			if (head && length > 0) {
				exchange.getResponseHeaders().set("Content-Length", String.valueOf(length));
			}
			exchange.sendResponseHeaders(response.statusCode(), head ? -1 : (length > 0) ? length : 0);
			try (InputStream in = response.body(); OutputStream out = exchange.getResponseBody()) {
				in.transferTo(out);
			}
		}
	}

	@Override
	public void close() {
		server.stop(0);
	}

}
