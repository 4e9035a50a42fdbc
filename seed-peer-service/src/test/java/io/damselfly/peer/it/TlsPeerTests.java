package io.damselfly.peer.it;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Random;

import io.damselfly.certificate.LoopbackCertificate;
import io.damselfly.common.digest.Digests;
import io.damselfly.common.download.DownloadAccepted;
import io.damselfly.common.download.DownloadState;
import io.damselfly.common.download.DownloadStatus;
import io.damselfly.peer.support.PeerDaemon;
import io.damselfly.peer.support.StandInScheduler;
import io.damselfly.peer.support.TestOrigin;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import reactor.core.publisher.Mono;
import reactor.netty.DisposableServer;
import reactor.netty.http.Http11SslContextSpec;
import reactor.netty.http.server.HttpServer;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Daemons serving TLS from an SSL bundle, in this JVM: each announces its {@code https://} URL, a second
 * peer takes every piece from the first over TLS, trusting the cluster's certificate
 * ({@code damselfly.tls.trust-bundle}); and an origin is never trusted for that certificate: an https
 * origin the JDK does not trust is refused with the reason, not served.
 */
class TlsPeerTests {

	static final int PIECE = 64 * 1024;

	@TempDir
	static Path dir;

	static LoopbackCertificate certificate;

	static TestOrigin origin;

	static DisposableServer tlsOrigin;

	static StandInScheduler scheduler;

	static PeerDaemon a;

	static PeerDaemon b;

	@BeforeAll
	static void start() {
		certificate = LoopbackCertificate.in(dir.resolve("tls"));
		origin = new TestOrigin();
		// An origin with the cluster's own certificate: the peers trust it as a node, never as an origin.
		tlsOrigin = HttpServer.create().host("127.0.0.1").port(0)
			.secure((spec) -> spec.sslContext(Http11SslContextSpec.forServer(certificate.certificate().toFile(),
					certificate.privateKey().toFile())))
			.handle((request, response) -> response.sendString(Mono.just("origin bytes")))
			.bindNow();
		scheduler = new StandInScheduler();
		a = new PeerDaemon("peer-tls-a", scheduler.url(), dir.resolve("a"), tls());
		b = new PeerDaemon("peer-tls-b", scheduler.url(), dir.resolve("b"), tls());
	}

	@AfterAll
	static void stop() {
		a.close();
		b.close();
		scheduler.close();
		tlsOrigin.disposeNow();
		origin.close();
	}

	/** The settings of a TLS node: one bundle serves its certificate and trusts the cluster's. */
	static Map<String, String> tls() {
		Map<String, String> settings = new LinkedHashMap<>();
		settings.put("server.ssl.bundle", "cluster");
		settings.put("spring.ssl.bundle.pem.cluster.keystore.certificate", "file:" + certificate.certificate());
		settings.put("spring.ssl.bundle.pem.cluster.keystore.private-key", "file:" + certificate.privateKey());
		settings.put("spring.ssl.bundle.pem.cluster.truststore.certificate", "file:" + certificate.certificate());
		settings.put("damselfly.tls.trust-bundle", "cluster");
		return settings;
	}

	@Test
	void secondPeerTakesEveryPieceFromTheFirstOverTls() {
		byte[] data = new byte[5 * PIECE + 321];
		new Random(3).nextBytes(data);
		origin.put("tls.bin", data);

		DownloadStatus first = fetch(a, origin.url("tls.bin"));
		DownloadStatus second = fetch(b, origin.url("tls.bin"));

		assertThat(first.bytesFromOrigin()).isEqualTo(data.length);
		assertThat(second.bytesFromPeers()).isEqualTo(data.length);
		assertThat(second.bytesFromOrigin()).isZero();
		assertThat(Digests.sha256Hex(b.content(second.id()))).isEqualTo(Digests.sha256Hex(data));
		assertThat(scheduler.host("peer-tls-a").url()).isEqualTo("https://127.0.0.1:" + a.port);
	}

	@Test
	void httpsOriginTheJdkDoesNotTrustIsRefusedEvenWithTheClustersCertificate() {
		String url = "https://localhost:" + tlsOrigin.port() + "/files/refused.bin";
		a.client.post().uri("/api/v1/downloads").bodyValue(Map.of("url", url)).exchange()
			.expectStatus().isEqualTo(502)
			.expectBody().jsonPath("$.detail").value((detail) -> assertThat(String.valueOf(detail))
				.contains("TLS handshake failed").contains("certification path"));
	}

	private static DownloadStatus fetch(PeerDaemon peer, String url) {
		DownloadAccepted accepted = peer.download(url, Map.of());
		DownloadStatus status = peer.await(accepted.id());
		assertThat(status.state()).as("%s", status).isEqualTo(DownloadState.SUCCEEDED);
		return status;
	}

}
