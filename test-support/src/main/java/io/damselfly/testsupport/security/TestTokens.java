package io.damselfly.testsupport.security;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.math.BigInteger;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.Signature;
import java.security.interfaces.ECPublicKey;
import java.security.spec.ECGenParameterSpec;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.Base64;
import java.util.concurrent.Executors;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

/**
 * Plays the manager's part in a service test: an ES256 key, its JWK set served on a loopback port (set
 * {@code damselfly.security.jwk-set-uri} to {@link #jwkSetUri()}), a token endpoint that hands out a
 * token for any role (set {@code damselfly.manager.url} to {@link #url()} when nothing else plays the
 * manager), and {@link #token(String)} to sign one for a test client. The services verify these
 * tokens exactly as they verify the real manager's: same algorithm, issuer and claims.
 */
public final class TestTokens implements AutoCloseable {

	private static final Pattern SUBJECT = Pattern.compile("\"subject\"\\s*:\\s*\"([A-Za-z0-9._-]+)\"");

	private static TestTokens shared;

	private final KeyPair pair;

	private final String keyId = "test-" + Long.toHexString(System.nanoTime());

	private final HttpServer server;

	private TestTokens() {
		try {
			KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
			generator.initialize(new ECGenParameterSpec("secp256r1"));
			this.pair = generator.generateKeyPair();
			this.server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
		}
		catch (GeneralSecurityException ex) {
			throw new IllegalStateException(ex);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		server.setExecutor(Executors.newFixedThreadPool(2, (r) -> {
			Thread t = new Thread(r, "test-tokens");
			t.setDaemon(true);
			return t;
		}));
		server.createContext("/api/v1/auth/jwks", (exchange) -> reply(exchange, 200, jwks()));
		server.createContext("/api/v1/auth/token", (exchange) -> {
			String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
			String role = body.replaceAll("(?s).*\"role\"\\s*:\\s*\"([a-z]+)\".*", "$1");
			// The subject the node asks under (a peer's host id), as the manager's token endpoint takes it.
			Matcher named = SUBJECT.matcher(body);
			String subject = named.find() ? named.group(1) : "test-" + role;
			Instant expires = Instant.now().plus(Duration.ofMinutes(15));
			reply(exchange, 200, "{\"token\":\"" + token(role, subject, Duration.ofMinutes(15)) + "\",\"role\":\"" + role
					+ "\",\"expiresAt\":\"" + expires + "\"}");
		});
		server.start();
	}

	/** One issuer per test JVM, so Spring's cached contexts and the tests agree on the key. */
	public static synchronized TestTokens shared() {
		if (shared == null) {
			shared = new TestTokens();
		}
		return shared;
	}

	public String url() {
		return "http://127.0.0.1:" + server.getAddress().getPort();
	}

	public String jwkSetUri() {
		return url() + "/api/v1/auth/jwks";
	}

	/** A token naming this role, valid for 15 minutes. */
	public String token(String role) {
		return token(role, Duration.ofMinutes(15));
	}

	public String token(String role, Duration lifetime) {
		return token(role, "test-" + role, lifetime);
	}

	/** A token naming this role and subject, as the manager issues for a token request that names a subject. */
	public String token(String role, String subject, Duration lifetime) {
		Base64.Encoder b64 = Base64.getUrlEncoder().withoutPadding();
		long now = Instant.now().getEpochSecond();
		String header = b64.encodeToString(("{\"alg\":\"ES256\",\"typ\":\"JWT\",\"kid\":\"" + keyId + "\"}")
			.getBytes(StandardCharsets.UTF_8));
		String claims = b64.encodeToString(("{\"iss\":\"damselfly\",\"sub\":\"" + subject + "\",\"role\":\"" + role
				+ "\",\"iat\":" + now + ",\"nbf\":" + now + ",\"exp\":" + (now + lifetime.toSeconds()) + "}")
			.getBytes(StandardCharsets.UTF_8));
		try {
			Signature signer = Signature.getInstance("SHA256withECDSAinP1363Format");
			signer.initSign(pair.getPrivate());
			signer.update((header + "." + claims).getBytes(StandardCharsets.US_ASCII));
			return header + "." + claims + "." + b64.encodeToString(signer.sign());
		}
		catch (GeneralSecurityException ex) {
			throw new IllegalStateException(ex);
		}
	}

	/** {@code Bearer <token>} for this role. */
	public String bearer(String role) {
		return "Bearer " + token(role);
	}

	/** The JWK set of the public key, as {@code /api/v1/auth/jwks} serves it. */
	public String jwks() {
		ECPublicKey key = (ECPublicKey) pair.getPublic();
		Base64.Encoder b64 = Base64.getUrlEncoder().withoutPadding();
		return "{\"keys\":[{\"kty\":\"EC\",\"crv\":\"P-256\",\"use\":\"sig\",\"alg\":\"ES256\",\"kid\":\"" + keyId
				+ "\",\"x\":\"" + b64.encodeToString(coordinate(key.getW().getAffineX())) + "\",\"y\":\""
				+ b64.encodeToString(coordinate(key.getW().getAffineY())) + "\"}]}";
	}

	private static byte[] coordinate(BigInteger value) {
		byte[] raw = value.toByteArray();
		if (raw.length == 32) {
			return raw;
		}
		byte[] fixed = new byte[32];
		if (raw.length > 32) {
			return Arrays.copyOfRange(raw, raw.length - 32, raw.length);
		}
		System.arraycopy(raw, 0, fixed, 32 - raw.length, raw.length);
		return fixed;
	}

	private static void reply(HttpExchange exchange, int status, String body) throws IOException {
		byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
		exchange.getResponseHeaders().set("Content-Type", "application/json");
		exchange.sendResponseHeaders(status, bytes.length);
		try (OutputStream out = exchange.getResponseBody()) {
			out.write(bytes);
		}
	}

	@Override
	public void close() {
		server.stop(0);
	}

}
