package io.damselfly.peer.proxy;

import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.regex.Pattern;

import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotEmpty;
import org.jspecify.annotations.Nullable;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;
import org.springframework.validation.annotation.Validated;

/**
 * The proxy listener of a peer or seed (docs/architecture.md#registry-mirror-and-proxy).
 *
 * @param enabled whether the daemon runs the proxy listener (default true)
 * @param port the listener's port (default 65001; {@code ./damselfly up} picks a free one per node)
 * @param address the address the listener binds (default 127.0.0.1: the container runtime on this host)
 * @param rules regular expressions over the request path; a GET whose path matches one goes peer to peer
 * (default: registry blobs by SHA-256 digest)
 * @param registryMirror the registry mirror dialect's settings
 * @param connectTimeout connect timeout to upstreams and CONNECT targets (default 10 s)
 * @param responseTimeout longest wait for an upstream's response headers on a pass-through (default 60 s)
 * @param maxRequestBody the largest request body the proxy forwards (default 8 MB; the proxy is for pulls)
 */
@Validated
@ConfigurationProperties("damselfly.proxy")
public record ProxyProperties(@DefaultValue("true") boolean enabled,
		@DefaultValue("65001") @Min(0) @Max(65535) int port, @DefaultValue("127.0.0.1") String address,
		@DefaultValue("/v2/.+/blobs/sha256:[0-9a-f]{64}") @NotEmpty List<String> rules,
		@DefaultValue @Valid RegistryMirror registryMirror, @DefaultValue("10s") Duration connectTimeout,
		@DefaultValue("60s") Duration responseTimeout, @DefaultValue("8MB") DataSize maxRequestBody) {

	public ProxyProperties {
		for (String rule : rules) {
			try {
				Pattern.compile(rule);
			}
			catch (java.util.regex.PatternSyntaxException ex) {
				throw new IllegalArgumentException("damselfly.proxy.rules: '" + rule + "' is not a regular expression: "
						+ ex.getDescription());
			}
		}
	}

	/** The rules, compiled. */
	public List<Pattern> compiledRules() {
		return rules.stream().map(Pattern::compile).toList();
	}

	/**
	 * The registry mirror dialect.
	 *
	 * @param upstream the registry a {@code /v2/} request goes to when it names none (no
	 * {@code X-Damselfly-Registry} header, no {@code ?ns=}), e.g. {@code https://registry-1.docker.io}
	 */
	public record RegistryMirror(@Nullable URI upstream) {
	}

}
