package io.damselfly.manager.job;

import java.util.Map;

import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import org.jspecify.annotations.Nullable;

/**
 * The body of {@code POST /api/v1/jobs}. Exactly one of {@code url} and {@code image}.
 *
 * @param type {@code preheat}, the only kind of job so far
 * @param url an http(s) URL to preheat
 * @param image a registry reference such as {@code 127.0.0.1:5000/app:v1} or
 * {@code registry.example/team/app@sha256:<hex>}; every blob of its manifest (for an index: of the
 * {@code platform} manifest) is preheated by digest
 * @param scope {@code seeds} (default) or {@code all-peers}
 * @param headers request headers for the origin or registry (e.g. {@code Authorization}); kept with the
 * job but never shown
 * @param plainHttp talk to the registry over http, not https
 * @param platform {@code os/arch} picked from an image index, {@code linux/amd64} by default
 * @param clusterId the cluster whose seeds and peers are targeted, {@code default} by default
 */
public record PreheatRequest(
		@Pattern(regexp = "preheat", message = "type must be 'preheat'") @Nullable String type,
		@Nullable @Size(max = 8192, message = "url is longer than 8192 characters") String url,
		@Nullable @Size(max = 1024, message = "image is longer than 1024 characters") String image,
		@Nullable @Pattern(regexp = "seeds|all-peers", message = "scope must be 'seeds' or 'all-peers'") String scope,
		@Nullable @Size(max = 64, message = "at most 64 headers") Map<String, String> headers,
		@Nullable Boolean plainHttp,
		@Nullable @Pattern(regexp = "[a-z0-9]+/[a-z0-9]+(/[a-z0-9]+)?",
				message = "platform must look like 'linux/amd64'") String platform,
		@Nullable @Pattern(regexp = "[A-Za-z0-9][A-Za-z0-9._-]{0,63}",
				message = "clusterId must be 1-64 characters of [A-Za-z0-9._-]") String clusterId) {

	public static final String ALL_PEERS = "all-peers";

	public String scopeOrDefault() {
		return (scope != null) ? scope : "seeds";
	}

	public String platformOrDefault() {
		return (platform != null) ? platform : "linux/amd64";
	}

	public String clusterOrDefault() {
		return (clusterId != null) ? clusterId : "default";
	}

	public boolean plain() {
		return Boolean.TRUE.equals(plainHttp);
	}

	public Map<String, String> headersOrEmpty() {
		return (headers != null) ? headers : Map.of();
	}

	/** The same request without its headers, to show. */
	public PreheatRequest redacted() {
		return new PreheatRequest(type, url, image, scope, null, plainHttp, platform, clusterId);
	}

}
