package io.damselfly.cli.http;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.time.Duration;

import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;

import io.damselfly.certificate.LoopbackCertificate;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** JSON over HTTP with the JDK client; errors carry the problem detail of the answer. */
public final class Http {

	public static final JsonMapper JSON = JsonMapper.builder().build();

	private static volatile HttpClient client = client(null);

	private static volatile @Nullable String token;

	private Http() {
	}

	/**
	 * Every later call carries this bearer token: the local cluster's admin token, read from
	 * {@code <run dir>/admin.token} (docs/architecture.md#trust-and-security); null for none.
	 */
	public static void useToken(@Nullable String adminToken) {
		token = adminToken;
	}

	/**
	 * Every later call trusts this certificate alone: a local cluster's, when it serves HTTPS
	 * ({@code up --tls}, docs/security.md#tls); null trusts the JDK's trust store.
	 */
	public static void trust(@Nullable LoopbackCertificate certificate) {
		client = client(certificate);
	}

	/** The client of every call, for callers that build their own requests. */
	public static HttpClient client() {
		return client;
	}

	private static HttpClient client(@Nullable LoopbackCertificate certificate) {
		HttpClient.Builder builder = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2))
			.version(HttpClient.Version.HTTP_1_1);
		if (certificate != null) {
			try {
				TrustManagerFactory trust = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
				trust.init(certificate.trustStore());
				SSLContext tls = SSLContext.getInstance("TLS");
				tls.init(null, trust.getTrustManagers(), null);
				builder.sslContext(tls);
			}
			catch (GeneralSecurityException ex) {
				throw new IllegalStateException("cannot trust " + certificate.certificate() + ": " + ex.getMessage(), ex);
			}
		}
		return builder.build();
	}

	/** The token calls carry, or null before a cluster's token is known. */
	public static @Nullable String token() {
		return token;
	}

	/** Adds the bearer token, when there is one, to a request of the JDK client. */
	public static HttpRequest.Builder authorized(HttpRequest.Builder request) {
		String current = token;
		return (current != null) ? request.header("Authorization", "Bearer " + current) : request;
	}

	public static <T> T get(String url, Class<T> type) {
		return JSON.readValue(sendIdempotent(url), type);
	}

	public static JsonNode getTree(String url) {
		return JSON.readTree(sendIdempotent(url));
	}

	/**
	 * A GET, bounded at 5 s an attempt and tried up to 3 times. A request sent on a pooled keep-alive
	 * connection the server has just dropped can wait for its whole timeout; a GET is safe to repeat.
	 */
	private static String sendIdempotent(String url) {
		UncheckedIOException last = null;
		for (int attempt = 0; attempt < 3; attempt++) {
			try {
				return send(authorized(HttpRequest.newBuilder(URI.create(url))).timeout(Duration.ofSeconds(5)).GET(), url);
			}
			catch (UncheckedIOException ex) {
				last = ex;
				if (ex.getCause() instanceof ConnectException) {
					throw ex;
				}
			}
		}
		throw last;
	}

	public static <T> T post(String url, Object body, Class<T> type) {
		HttpRequest.Builder request = authorized(HttpRequest.newBuilder(URI.create(url)))
			.header("Content-Type", "application/json")
			.POST(HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(body)));
		return JSON.readValue(send(request, url), type);
	}

	/** Opens a streaming GET; the caller closes the stream. */
	public static InputStream stream(String url) {
		try {
			HttpResponse<InputStream> response = client.send(authorized(HttpRequest.newBuilder(URI.create(url))).GET().build(),
					HttpResponse.BodyHandlers.ofInputStream());
			if (response.statusCode() >= 400) {
				String body;
				try (InputStream in = response.body()) {
					body = new String(in.readAllBytes(), StandardCharsets.UTF_8);
				}
				throw error(response.statusCode(), body, url);
			}
			return response.body();
		}
		catch (IOException ex) {
			throw unreachable(url, ex);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException("interrupted", ex);
		}
	}

	private static String send(HttpRequest.Builder request, String url) {
		try {
			HttpRequest built = request.build();
			if (built.timeout().isEmpty()) {
				built = request.timeout(Duration.ofSeconds(30)).build();
			}
			HttpResponse<String> response = client.send(built,
					HttpResponse.BodyHandlers.ofString());
			if (response.statusCode() >= 400) {
				throw error(response.statusCode(), response.body(), url);
			}
			return response.body();
		}
		catch (IOException ex) {
			throw unreachable(url, ex);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException("interrupted", ex);
		}
	}

	private static ApiError error(int status, String body, String url) {
		String detail = body;
		try {
			JsonNode problem = JSON.readTree(body);
			if (problem.hasNonNull("detail")) {
				detail = problem.get("detail").asString();
			}
		}
		catch (RuntimeException ex) {
			// Not a problem body: keep the raw text, it is still the best explanation there is.
		}
		return new ApiError(status, status + " from " + url + ": " + detail);
	}

	private static UncheckedIOException unreachable(String url, IOException ex) {
		String why = (ex instanceof ConnectException) ? "connection refused" : ex.toString();
		return new UncheckedIOException("cannot reach " + url + ": " + why, ex);
	}

}
