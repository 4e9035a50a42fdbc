package io.damselfly.gateway.ratelimit;

import java.util.Optional;

import io.damselfly.service.security.Caller;
import reactor.core.publisher.Mono;

import org.springframework.cloud.gateway.filter.ratelimit.KeyResolver;
import org.springframework.web.server.ServerWebExchange;

/**
 * The rate limiter's {@link KeyResolver}: the verified caller if there is one, else the connection's address,
 * as {@link RateLimitKeys} decides. Never empty, so no call is refused for lacking a key. The key is left
 * on the exchange ({@link #KEY_ATTRIBUTE}) for the 429's detail.
 */
public class CallerKeyResolver implements KeyResolver {

	/** Exchange attribute holding the key the call was limited by. */
	public static final String KEY_ATTRIBUTE = CallerKeyResolver.class.getName() + ".key";

	@Override
	public Mono<String> resolve(ServerWebExchange exchange) {
		return Caller.current().map(Optional::of).defaultIfEmpty(Optional.empty()).map((caller) -> {
			String key = RateLimitKeys.of(caller.orElse(null), exchange.getRequest().getRemoteAddress());
			exchange.getAttributes().put(KEY_ATTRIBUTE, key);
			return key;
		});
	}

}
