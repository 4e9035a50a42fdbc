package io.damselfly.service.tls;

import java.nio.file.Path;
import java.time.Duration;

import javax.net.ssl.SSLHandshakeException;

import io.damselfly.certificate.LoopbackCertificate;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import reactor.core.publisher.Mono;
import reactor.netty.DisposableServer;
import reactor.netty.http.Http11SslContextSpec;
import reactor.netty.http.client.HttpClient;
import reactor.netty.http.server.HttpServer;
import reactor.test.StepVerifier;

import org.springframework.boot.ssl.SslBundle;
import org.springframework.boot.ssl.SslStoreBundle;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A node's calls to another node trust the cluster's certificate, named by its trust bundle, with host
 * names verified; without a bundle, only what the JDK trusts.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ClusterHttpClientsTests {

	@TempDir
	static Path dir;

	private LoopbackCertificate certificate;

	private DisposableServer tls;

	private DisposableServer plain;

	@BeforeAll
	void startServers() {
		certificate = LoopbackCertificate.in(dir);
		tls = HttpServer.create().host("127.0.0.1").port(0)
			.secure((spec) -> spec.sslContext(Http11SslContextSpec.forServer(certificate.certificate().toFile(),
					certificate.privateKey().toFile())))
			.handle((request, response) -> response.sendString(Mono.just("over tls")))
			.bindNow();
		plain = HttpServer.create().host("127.0.0.1").port(0)
			.handle((request, response) -> response.sendString(Mono.just("plain")))
			.bindNow();
	}

	@AfterAll
	void stopServers() {
		tls.disposeNow();
		plain.disposeNow();
	}

	@Test
	void trustBundleLetsHttpsCallsReachANodeByNameAndByAddress() {
		ClusterHttpClients clients = new ClusterHttpClients(SslBundle.of(SslStoreBundle.of(null, null,
				certificate.trustStore())));
		assertThat(get(clients.create(), "https://localhost:" + tls.port())).isEqualTo("over tls");
		assertThat(get(clients.create(), "https://127.0.0.1:" + tls.port())).isEqualTo("over tls");
		assertThat(get(clients.create(), "http://127.0.0.1:" + plain.port())).as("http:// stays plain")
			.isEqualTo("plain");
	}

	@Test
	void withoutATrustBundleACertificateTheJdkDoesNotTrustIsRefused() {
		StepVerifier.create(ClusterHttpClients.jdkTrust().create().get().uri("https://localhost:" + tls.port())
			.responseContent().aggregate().asString())
			.expectErrorSatisfies((ex) -> assertThat(ex).isInstanceOf(SSLHandshakeException.class)
				.hasMessageContaining("PKIX path building failed"))
			.verify(Duration.ofSeconds(10));
	}

	private static String get(HttpClient http, String url) {
		return http.get().uri(url).responseContent().aggregate().asString().block(Duration.ofSeconds(10));
	}

}
