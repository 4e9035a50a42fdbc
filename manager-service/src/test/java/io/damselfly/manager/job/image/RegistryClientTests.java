package io.damselfly.manager.job.image;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Mono;
import reactor.netty.DisposableServer;
import reactor.netty.http.server.HttpServer;
import reactor.test.StepVerifier;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.web.reactive.function.client.WebClient;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

class RegistryClientTests {

	private static final String CONFIG = "sha256:" + "c".repeat(64);

	private static final String AMD64 = "sha256:" + "a".repeat(64);

	private static final String ARM64 = "sha256:" + "b".repeat(64);

	private static final String INDEX = """
			{"schemaVersion":2,"mediaType":"application/vnd.oci.image.index.v1+json","manifests":[
			{"digest":"%s","platform":{"os":"linux","architecture":"arm64","variant":"v8"}},
			{"digest":"%s","platform":{"os":"linux","architecture":"amd64"}}]}""".formatted(ARM64, AMD64);

	private static final String MANIFEST = """
			{"schemaVersion":2,"config":{"digest":"%s"},"layers":[{"digest":"sha256:%s"},{"digest":"sha256:%s"},\
			{"digest":"sha256:%s"}]}""".formatted(CONFIG, "1".repeat(64), "2".repeat(64), "3".repeat(64));

	private final DisposableServer registry = HttpServer.create().host("127.0.0.1").port(0)
		.route((routes) -> routes.get("/v2/team/app/manifests/{ref}", (request, response) -> {
			String ref = request.param("ref");
			String accept = String.valueOf(request.requestHeaders().get("Accept"));
			if (!accept.contains("application/vnd.oci.image.index.v1+json")) {
				return response.status(406).send();
			}
			String body = "v1".equals(ref) ? INDEX : AMD64.equals(ref) ? MANIFEST : null;
			return (body == null) ? response.status(404).send() : response.sendString(Mono.just(body));
		}))
		.bindNow();

	private final RegistryClient client = new RegistryClient(WebClient.create(), JsonMapper.builder().build(),
			Duration.ofSeconds(30));

	@AfterEach
	void stop() {
		registry.disposeNow();
	}

	@Test
	void indexResolvesToThePlatformManifestAndItsConfigAndLayers() {
		ImageReference image = ImageReference.parse("127.0.0.1:" + registry.port() + "/team/app:v1");
		StepVerifier.create(client.blobs(image, true, "linux/amd64", Map.of()))
			.assertNext((blobs) -> assertThat(blobs).containsExactly(CONFIG, "sha256:" + "1".repeat(64),
					"sha256:" + "2".repeat(64), "sha256:" + "3".repeat(64)))
			.expectComplete()
			.verify(Duration.ofSeconds(60));
	}

	@Test
	void missingPlatformOrImageIsTheCallersMistake() {
		ImageReference image = ImageReference.parse("127.0.0.1:" + registry.port() + "/team/app:v1");
		StepVerifier.create(client.blobs(image, true, "windows/amd64", Map.of()))
			.expectErrorSatisfies((ex) -> assertThat(ex).isInstanceOf(IllegalArgumentException.class)
				.hasMessageContaining("no windows/amd64 manifest").hasMessageContaining("linux/arm64/v8"))
			.verify(Duration.ofSeconds(60));
		ImageReference missing = ImageReference.parse("127.0.0.1:" + registry.port() + "/team/app:v9");
		StepVerifier.create(client.blobs(missing, true, "linux/amd64", Map.of()))
			.expectErrorSatisfies((ex) -> assertThat(ex).isInstanceOf(IllegalArgumentException.class)
				.hasMessageContaining("registry answered 404"))
			.verify(Duration.ofSeconds(60));
	}

	@Test
	void referencesNameTheirRegistryAndBlobUrlsFollowTheDistributionApi() {
		ImageReference pinned = ImageReference.parse("registry.example/team/app@" + AMD64);
		assertThat(pinned.reference()).isEqualTo(AMD64);
		assertThat(pinned.blobUrl(false, CONFIG)).isEqualTo("https://registry.example/v2/team/app/blobs/" + CONFIG);
		assertThat(ImageReference.parse("localhost:5000/app").reference()).isEqualTo("latest");
		for (String bad : List.of("app:v1", "library/app:v1", "127.0.0.1:5000/App:v1", "127.0.0.1:5000/app:v1 x",
				"http://127.0.0.1:5000/app:v1", "127.0.0.1:5000/../app")) {
			assertThatIllegalArgumentException().isThrownBy(() -> ImageReference.parse(bad));
		}
	}

}
