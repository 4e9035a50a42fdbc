package io.damselfly.manager.job.image;

import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.http.HttpHeaders;
import org.springframework.web.reactive.function.client.WebClient;
import org.springframework.web.reactive.function.client.WebClientResponseException;

/**
 * Reads an image's manifest from its registry (the OCI distribution API) and lists the digests of its
 * blobs: the config and every layer. An index (or Docker manifest list) is resolved to the manifest of
 * the requested platform first. Registries that need a token dance are not supported: the caller's
 * headers (e.g. a ready {@code Authorization}) are sent as they are.
 */
public class RegistryClient {

	static final String ACCEPT = String.join(", ", "application/vnd.oci.image.index.v1+json",
			"application/vnd.oci.image.manifest.v1+json",
			"application/vnd.docker.distribution.manifest.list.v2+json",
			"application/vnd.docker.distribution.manifest.v2+json");

	private final WebClient web;

	private final JsonMapper json;

	private final Duration timeout;

	public RegistryClient(WebClient web, JsonMapper json, Duration timeout) {
		this.web = web;
		this.json = json;
		this.timeout = timeout;
	}

	/**
	 * The blob digests of {@code image}: config first, then the layers in order.
	 * @throws IllegalArgumentException (as an error signal) when the registry's answer is not a usable
	 * manifest, names no blob, or lacks the platform
	 */
	public Mono<List<String>> blobs(ImageReference image, boolean plainHttp, String platform,
			Map<String, String> headers) {
		return allowed(image).then(manifest(image, plainHttp, image.reference(), headers)).flatMap((root) -> {
			if (root.has("manifests")) {
				String digest = pick(root, platform);
				return manifest(image, plainHttp, digest, headers);
			}
			return Mono.just(root);
		}).map(RegistryClient::digests);
	}

	private Mono<JsonNode> manifest(ImageReference image, boolean plainHttp, String ref, Map<String, String> headers) {
		String url = image.manifestUrl(plainHttp, ref);
		return web.get().uri(URI.create(url)).headers((h) -> {
			headers.forEach(h::set);
			h.set(HttpHeaders.ACCEPT, ACCEPT);
		})
			.retrieve()
			.bodyToMono(String.class)
			.timeout(timeout)
			.map((body) -> json.readTree(body))
			.onErrorMap(WebClientResponseException.class, (ex) -> new IllegalArgumentException(
					"registry answered " + ex.getStatusCode().value() + " for " + url));
	}

	static String pick(JsonNode index, String platform) {
		String[] wanted = platform.split("/");
		List<String> seen = new ArrayList<>();
		for (JsonNode entry : index.path("manifests")) {
			JsonNode p = entry.path("platform");
			String os = p.path("os").asString("");
			String arch = p.path("architecture").asString("");
			String variant = p.path("variant").asString("");
			seen.add(os + "/" + arch + (variant.isEmpty() ? "" : "/" + variant));
			if (os.equals(wanted[0]) && arch.equals(wanted[1])
					&& (wanted.length < 3 || variant.equals(wanted[2]))) {
				return digest(entry);
			}
		}
		throw new IllegalArgumentException("the image index has no " + platform + " manifest (it has " + seen + ")");
	}

	static List<String> digests(JsonNode manifest) {
		Set<String> blobs = new LinkedHashSet<>();
		if (manifest.has("config")) {
			blobs.add(digest(manifest.path("config")));
		}
		for (JsonNode layer : manifest.path("layers")) {
			blobs.add(digest(layer));
		}
		if (blobs.isEmpty()) {
			throw new IllegalArgumentException("the registry's answer is not an image manifest: it names no blob");
		}
		return List.copyOf(blobs);
	}

	private static String digest(JsonNode descriptor) {
		String digest = descriptor.path("digest").asString("");
		if (!digest.matches("sha256:[0-9a-f]{64}")) {
			throw new IllegalArgumentException("the manifest names a blob without a sha256 digest");
		}
		return digest;
	}

	/**
	 * The manifest is fetched by the manager itself, so the registry host must not be a link-local or
	 * cloud metadata address (docs/architecture.md#trust-and-security); the nodes check blob URLs again
	 * with their own origin policy.
	 */
	private static Mono<Void> allowed(ImageReference image) {
		String host = URI.create("http://" + image.registry()).getHost();
		return Mono.fromCallable(() -> {
			for (InetAddress address : InetAddress.getAllByName(host)) {
				if (address.isLinkLocalAddress() || address.isAnyLocalAddress() || address.isMulticastAddress()) {
					throw new IllegalArgumentException("registry " + host + " resolves to " + address.getHostAddress()
							+ ", an address preheat refuses");
				}
			}
			return true;
		})
			.subscribeOn(Schedulers.boundedElastic())
			.onErrorMap(UnknownHostException.class, (ex) -> new IllegalArgumentException("unknown registry host " + host))
			.then();
	}

}
