package io.damselfly.peer.support;

import io.damselfly.testsupport.security.TestTokens;

import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;

import io.damselfly.common.download.DownloadAccepted;
import io.damselfly.common.download.DownloadState;
import io.damselfly.common.download.DownloadStatus;
import io.damselfly.peer.PeerApplication;
import io.damselfly.peer.identity.PeerIdentity;
import io.damselfly.redis.LocalRedisServer;
import io.damselfly.service.tls.ClusterHttpClients;
import reactor.netty.http.client.HttpClient;

import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.http.client.reactive.ReactorClientHttpConnector;
import org.springframework.test.web.reactive.server.WebTestClient;

/** A peer daemon run in this JVM on a random port, with a client for its API. */
public final class PeerDaemon implements AutoCloseable {

	private final ConfigurableApplicationContext context;

	public final WebTestClient client;

	/** The same daemon as its operator sees it: an admin token, so health details show. */
	public final WebTestClient operator;

	public final int port;

	public PeerDaemon(String hostId, String schedulerUrl, Path storage) {
		this(hostId, schedulerUrl, storage, Map.of());
	}

	/** A daemon with test defaults (64 KiB pieces, fast reports, no manager), {@code overrides} winning. */
	public PeerDaemon(String hostId, String schedulerUrl, Path storage, Map<String, String> overrides) {
		Map<String, String> props = new LinkedHashMap<>();
		props.put("server.port", "0");
		props.put("damselfly.peer.host-id", hostId);
		props.put("damselfly.peer.schedulers", schedulerUrl);
		props.put("damselfly.peer.min-piece-size", "64KB");
		props.put("damselfly.peer.announce-interval", "1s");
		props.put("damselfly.peer.piece-timeout", "10s");
		props.put("damselfly.peer.piece-stall-timeout", "3s");
		props.put("damselfly.peer.report-interval", "50ms");
		props.put("damselfly.manager.url", "http://127.0.0.1:" + LocalRedisServer.freePort());
		props.put("damselfly.manager.timeout", "300ms");
		props.put("damselfly.storage.dir", storage.toString());
		// Test origins listen on loopback; OriginAddressPolicyTests covers the refusals.
		props.put("damselfly.origin.allow-loopback", "true");
		props.put("damselfly.storage.metadata-flush-interval", "200ms");
		props.put("spring.main.banner-mode", "off");
		props.put("damselfly.proxy.port", "0");
		// The default allows no output at all; these tests write copies under the temp directory.
		props.put("damselfly.peer.allowed-output-dirs", System.getProperty("java.io.tmpdir"));
		// Security on: tokens are verified against, and asked from, the stand-in issuer.
		props.put("damselfly.security.jwk-set-uri", TestTokens.shared().jwkSetUri());
		props.put("damselfly.security.token-uri", TestTokens.shared().url() + "/api/v1/auth/token");
		props.put("damselfly.security.join-secret", "test-peer-secret");
		props.putAll(overrides);
		context = new SpringApplicationBuilder(PeerApplication.class)
			.run(props.entrySet().stream().map((e) -> "--" + e.getKey() + "=" + e.getValue()).toArray(String[]::new));
		port = Integer.parseInt(context.getEnvironment().getProperty("local.server.port"));
		// A peer's token: the piece API answers peers; the local API answers loopback anyway.
		// A daemon serving TLS is called as its peers call it: at https://, trusting the cluster's certificate.
		HttpClient http = context.getBean(ClusterHttpClients.class).create();
		client = WebTestClient.bindToServer(new ReactorClientHttpConnector(http))
			.baseUrl(context.getBean(PeerIdentity.class).scheme() + "://127.0.0.1:" + port)
			.responseTimeout(Duration.ofSeconds(30))
			.defaultHeader("Authorization", TestTokens.shared().bearer("peer"))
			.codecs((c) -> c.defaultCodecs().maxInMemorySize(64 * 1024 * 1024))
			.build();
		operator = client.mutate().defaultHeaders((h) -> h.set("Authorization", TestTokens.shared().bearer("admin"))).build();
	}

	/** The port of the daemon's proxy listener. */
	public int proxyPort() {
		return bean(io.damselfly.peer.proxy.ProxyServer.class).port();
	}

	public <T> T bean(Class<T> type) {
		return context.getBean(type);
	}

	public DownloadAccepted download(String url, Map<String, Object> more) {
		Map<String, Object> body = new java.util.HashMap<>(more);
		body.put("url", url);
		return client.post().uri("/api/v1/downloads").bodyValue(body).exchange().expectStatus().isAccepted()
			.expectBody(DownloadAccepted.class).returnResult().getResponseBody();
	}

	public DownloadStatus status(String id) {
		return client.get().uri("/api/v1/downloads/{id}", id).exchange().expectStatus().isOk()
			.expectBody(DownloadStatus.class).returnResult().getResponseBody();
	}

	/** Polls until the download ends (or 60 s pass) and returns its last status. */
	public DownloadStatus await(String id) {
		long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
		DownloadStatus status = status(id);
		while ((status.state() == DownloadState.RUNNING || status.state() == DownloadState.PENDING)
				&& System.nanoTime() < deadline) {
			sleep(50);
			status = status(id);
		}
		return status;
	}

	/** The status, with the whole-file SHA-256 once SUCCEEDED ({@code ?sha256=true}: hashed on first ask). */
	public DownloadStatus statusWithSha256(String id) {
		return client.get().uri("/api/v1/downloads/{id}?sha256=true", id).exchange().expectStatus().isOk()
			.expectBody(DownloadStatus.class).returnResult().getResponseBody();
	}

	/**
	 * The whole-file SHA-256 of a succeeded download: given at once when the request named a digest, else
	 * hashed when asked; polls for it up to 30 s.
	 */
	public String awaitSha256(String id) {
		long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
		DownloadStatus status = statusWithSha256(id);
		while (status.sha256() == null && System.nanoTime() < deadline) {
			sleep(20);
			status = statusWithSha256(id);
		}
		return String.valueOf(status.sha256());
	}

	public byte[] content(String id) {
		byte[] body = client.get().uri("/api/v1/downloads/{id}/content", id).exchange().expectStatus().isOk()
			.expectBody(byte[].class).returnResult().getResponseBody();
		return (body != null) ? body : new byte[0];
	}

	public static void sleep(long millis) {
		try {
			Thread.sleep(millis);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException(ex);
		}
	}

	@Override
	public void close() {
		context.close();
	}

}
