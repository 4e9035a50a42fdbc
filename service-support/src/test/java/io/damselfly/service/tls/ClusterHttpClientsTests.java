package io.damselfly.service.tls;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
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
import static org.assertj.core.api.Assertions.assertThatThrownBy;

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

	@Test
	void blockingSocketsHaveTheSameTrustAndHostNameCheck() throws Exception {
		ClusterHttpClients clients = new ClusterHttpClients(SslBundle.of(SslStoreBundle.of(null, null,
				certificate.trustStore())));
		assertThat(exchange(clients.connect("https", "localhost", tls.port(), Duration.ofSeconds(5))))
			.endsWith("over tls");
		assertThat(exchange(clients.connect("https", "127.0.0.1", tls.port(), Duration.ofSeconds(5))))
			.endsWith("over tls");
		assertThat(exchange(clients.connect("http", "127.0.0.1", plain.port(), Duration.ofSeconds(5))))
			.as("http stays plain").endsWith("plain");
		assertThatThrownBy(() -> ClusterHttpClients.jdkTrust().connect("https", "localhost", tls.port(),
				Duration.ofSeconds(5)))
			.isInstanceOf(SSLHandshakeException.class).hasMessageContaining("PKIX path building failed");
		DisposableServer anyAddress = HttpServer.create().host("0.0.0.0").port(0)
			.secure((spec) -> spec.sslContext(Http11SslContextSpec.forServer(certificate.certificate().toFile(),
					certificate.privateKey().toFile())))
			.handle((request, response) -> response.sendString(Mono.just("over tls")))
			.bindNow();
		try {
			assertThatThrownBy(() -> clients.connect("https", "127.0.0.2", anyAddress.port(), Duration.ofSeconds(5)))
				.as("an address the certificate does not name").isInstanceOf(SSLHandshakeException.class)
				.hasMessageContaining("127.0.0.2");
		}
		finally {
			anyAddress.disposeNow();
		}
	}

	@Test
	void aConnectTimeoutIsNotMistakenForAStalledRead() throws Exception {
		// A listener whose backlog is full and never accepts: the handshake waits, and must end at the bound.
		try (ServerSocket silent = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
			ClusterHttpClients clients = new ClusterHttpClients(SslBundle.of(SslStoreBundle.of(null, null,
					certificate.trustStore())));
			long start = System.nanoTime();
			assertThatThrownBy(() -> clients.connect("https", "127.0.0.1", silent.getLocalPort(),
					Duration.ofMillis(300)))
				.isInstanceOf(IOException.class).isNotInstanceOf(SocketTimeoutException.class)
				.hasMessageContaining("timed out after 300 ms");
			assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(5));
		}
	}

	private static String exchange(Socket socket) throws IOException {
		try (socket) {
			socket.setSoTimeout(10_000);
			socket.getOutputStream().write("GET / HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n"
				.getBytes(StandardCharsets.US_ASCII));
			return new String(socket.getInputStream().readAllBytes(), StandardCharsets.US_ASCII);
		}
	}

	private static String get(HttpClient http, String url) {
		return http.get().uri(url).responseContent().aggregate().asString().block(Duration.ofSeconds(10));
	}

}
