package io.damselfly.peer.source;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Which origin addresses this daemon may fetch from (docs/security.md#origin-addresses). Link-local and
 * cloud-metadata addresses are refused whatever these say.
 *
 * @param allowLoopback whether an origin may resolve to a loopback address (default false;
 * {@code ./damselfly up} and {@code demo} turn it on, their origins are local)
 * @param allowPrivate whether an origin may resolve to a private address: 10/8, 172.16/12, 192.168/16,
 * 100.64/10, fc00::/7 (default false; turn it on when origins or registries live on the private network)
 */
@ConfigurationProperties("damselfly.origin")
public record OriginAddressProperties(@DefaultValue("false") boolean allowLoopback,
		@DefaultValue("false") boolean allowPrivate) {

	public OriginAddressPolicy policy() {
		return new OriginAddressPolicy(allowLoopback, allowPrivate);
	}

}
