package io.damselfly.peer.proxy;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ProxySelector;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.Map;
import java.util.Random;

import io.damselfly.common.digest.Digests;
import io.damselfly.common.id.TaskIds;
import io.damselfly.peer.storage.TaskStore;
import io.damselfly.peer.support.PeerDaemon;
import io.damselfly.peer.support.StandInScheduler;
import io.damselfly.peer.support.TestRegistry;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The proxy listener of a real daemon against a real registry-like origin over HTTP: blobs peer to peer by
 * digest, Range, pass-through of manifests, HEAD and 401, a blob that lies about its digest, the forward
 * proxy dialect and bad requests.
 */
class ProxyIntegrationTests {

	@TempDir
	static Path dir;

	static TestRegistry registry;

	static StandInScheduler scheduler;

	static PeerDaemon peer;

	static HttpClient http;

	@BeforeAll
	static void start() {
		registry = new TestRegistry();
		scheduler = new StandInScheduler();
		peer = new PeerDaemon("peer-proxy", scheduler.url(), dir.resolve("p"),
				Map.of("damselfly.proxy.registry-mirror.upstream", registry.base()));
		http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
	}

	@AfterAll
	static void stop() {
		peer.close();
		scheduler.close();
		registry.close();
	}

	static byte[] bytes(int length, long seed) {
		byte[] data = new byte[length];
		new Random(seed).nextBytes(data);
		return data;
	}

	static String mirror(String path) {
		return "http://127.0.0.1:" + peer.proxyPort() + path;
	}

	static HttpResponse<byte[]> send(HttpRequest.Builder request) throws Exception {
		return http.send(request.timeout(Duration.ofSeconds(30)).build(), HttpResponse.BodyHandlers.ofByteArray());
	}

	@Test
	void blobGoesThroughTheTaskOfItsDigestAndIsFetchedOnce() throws Exception {
		byte[] layer = bytes(200_001, 1);
		String digest = registry.blob(layer);
		long before = registry.blobBytesSent();
		for (int i = 0; i < 2; i++) {
			HttpResponse<byte[]> response = send(HttpRequest.newBuilder(URI.create(mirror("/v2/app/blobs/" + digest)))
				.header(ProxyRouter.REGISTRY_HEADER, registry.base()));
			assertThat(response.statusCode()).isEqualTo(200);
			assertThat(response.body()).isEqualTo(layer);
			assertThat(response.headers().firstValue("X-Damselfly-Task-Id")).hasValue(TaskIds.forBlob(digest));
			assertThat(response.headers().firstValue("Docker-Content-Digest")).hasValue(digest);
			assertThat(response.headers().firstValueAsLong("Content-Length")).hasValue(layer.length);
		}
		assertThat(registry.blobBytesSent() - before).isEqualTo(layer.length);
	}

	@Test
	void rangeOnABlobIsAnsweredWithPartialContent() throws Exception {
		byte[] layer = bytes(150_000, 2);
		String digest = registry.blob(layer);
		HttpResponse<byte[]> response = send(HttpRequest.newBuilder(URI.create(mirror("/v2/app/blobs/" + digest)))
			.header("Range", "bytes=70000-70999"));
		assertThat(response.statusCode()).isEqualTo(206);
		assertThat(response.headers().firstValue("Content-Range")).hasValue("bytes 70000-70999/150000");
		assertThat(response.body()).isEqualTo(Arrays.copyOfRange(layer, 70_000, 71_000));
		HttpResponse<byte[]> beyond = send(HttpRequest.newBuilder(URI.create(mirror("/v2/app/blobs/" + digest)))
			.header("Range", "bytes=150000-"));
		assertThat(beyond.statusCode()).isEqualTo(416);
	}

	@Test
	void manifestAndHeadPassThroughWithTheirHeaders() throws Exception {
		HttpResponse<byte[]> manifest = send(HttpRequest.newBuilder(URI.create(mirror("/v2/app/manifests/v1")))
			.header("Accept", "application/vnd.oci.image.manifest.v1+json"));
		assertThat(manifest.statusCode()).isEqualTo(200);
		assertThat(new String(manifest.body())).isEqualTo(TestRegistry.MANIFEST);
		assertThat(manifest.headers().firstValue("Docker-Content-Digest"))
			.hasValue("sha256:" + Digests.sha256Hex(TestRegistry.MANIFEST.getBytes()));
		assertThat(manifest.headers().firstValue("Content-Type")).hasValue("application/vnd.oci.image.manifest.v1+json");
		assertThat(manifest.headers().firstValue("X-Damselfly-Task-Id")).isEmpty();
		HttpResponse<byte[]> head = send(HttpRequest.newBuilder(URI.create(mirror("/v2/app/manifests/v1")))
			.method("HEAD", HttpRequest.BodyPublishers.noBody()));
		assertThat(head.statusCode()).isEqualTo(200);
		assertThat(head.headers().firstValueAsLong("Content-Length")).hasValue(TestRegistry.MANIFEST.length());
		assertThat(head.body()).isEmpty();
		HttpResponse<byte[]> ping = send(HttpRequest.newBuilder(URI.create(mirror("/v2/"))));
		assertThat(ping.statusCode()).isEqualTo(200);
		assertThat(ping.headers().firstValue("Docker-Distribution-API-Version")).hasValue("registry/2.0");
	}

	@Test
	void unauthorizedGoesBackToTheClientWithItsChallenge() throws Exception {
		String digest = "sha256:" + "ab".repeat(32);
		HttpResponse<byte[]> response = send(HttpRequest.newBuilder(URI.create(mirror("/v2/private/blobs/" + digest)))
			.header("Authorization", "Bearer expired"));
		assertThat(response.statusCode()).isEqualTo(401);
		assertThat(response.headers().firstValue("WWW-Authenticate")).hasValue(TestRegistry.WWW_AUTHENTICATE);
		assertThat(new String(response.body())).contains("UNAUTHORIZED");
		assertThat(registry.log).anyMatch((line) -> line.equals("GET /v2/private/blobs/" + digest + " Bearer expired"));
	}

	@Test
	void blobThatDoesNotMatchItsDigestIsCutShortAndNeverServed() throws Exception {
		byte[] real = bytes(200_000, 3);
		byte[] lie = bytes(200_000, 4);
		String digest = "sha256:" + Digests.sha256Hex(real);
		registry.lyingBlob(digest, lie);
		for (int i = 0; i < 2; i++) {
			try {
				HttpResponse<byte[]> response = send(HttpRequest.newBuilder(URI.create(mirror("/v2/lying/blobs/" + digest))));
				// The download failed before the first byte went out: an error answer, never the bytes.
				assertThat(response.statusCode()).isEqualTo(502);
				assertThat(response.headers().firstValue("Content-Type")).hasValue("application/problem+json");
			}
			catch (IOException ex) {
				// The answer had started: the connection was cut before the last piece.
				assertThat(ex).hasMessageContaining("bytes received");
			}
		}
		TaskStore store = peer.bean(TaskStore.class);
		assertThat(store.snapshot(TaskIds.forBlob(digest)).map((s) -> s.complete())).isNotEqualTo(java.util.Optional.of(true));
	}

	@Test
	void forwardProxyPassesThroughOrGoesPeerToPeerWhenAsked() throws Exception {
		byte[] file = bytes(90_000, 5);
		registry.file("plain", file);
		HttpClient viaProxy = HttpClient.newBuilder()
			.proxy(ProxySelector.of(new InetSocketAddress("127.0.0.1", peer.proxyPort()))).build();
		HttpResponse<byte[]> plain = viaProxy.send(HttpRequest.newBuilder(URI.create(registry.base() + "/files/plain"))
			.build(), HttpResponse.BodyHandlers.ofByteArray());
		assertThat(plain.statusCode()).isEqualTo(200);
		assertThat(plain.body()).isEqualTo(file);
		assertThat(plain.headers().firstValue("X-Damselfly-Task-Id")).isEmpty();
		HttpResponse<byte[]> p2p = viaProxy.send(HttpRequest.newBuilder(URI.create(registry.base() + "/files/plain"))
			.header(ProxyRouter.USE_P2P_HEADER, "true").build(), HttpResponse.BodyHandlers.ofByteArray());
		assertThat(p2p.statusCode()).isEqualTo(200);
		assertThat(p2p.body()).isEqualTo(file);
		// A URL task is the generation the origin confirmed (fresh content), never the bare URL's id.
		assertThat(p2p.headers().firstValue("X-Damselfly-Task-Id")).hasValueSatisfying((id) -> assertThat(id)
			.matches("[0-9a-f]{64}").isNotEqualTo(TaskIds.derive(registry.base() + "/files/plain", null, null)));
	}

	@Test
	void requestsNamingNoUsableUpstreamAreRefusedWithAProblem() throws Exception {
		HttpResponse<byte[]> notProxy = send(HttpRequest.newBuilder(URI.create(mirror("/etc/passwd"))));
		assertThat(notProxy.statusCode()).isEqualTo(400);
		assertThat(notProxy.headers().firstValue("Content-Type")).hasValue("application/problem+json");
		HttpResponse<byte[]> badRegistry = send(HttpRequest.newBuilder(URI.create(mirror("/v2/app/manifests/v1")))
			.header(ProxyRouter.REGISTRY_HEADER, "file:///etc"));
		assertThat(badRegistry.statusCode()).isEqualTo(400);
		assertThat(new String(badRegistry.body())).contains("X-Damselfly-Registry");
	}

}
