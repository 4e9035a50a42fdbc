package io.damselfly.service.security;

import java.time.Clock;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import reactor.core.publisher.Mono;

import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtException;
import org.springframework.security.oauth2.jwt.ReactiveJwtDecoder;

/**
 * Remembers the tokens it has verified until they expire, so a node that calls another many times a
 * second with the same token (a peer fetching pieces and bitmaps from its parents) costs one ES256
 * signature check per token, not one per call. Only exact token strings that passed the full check
 * (signature, issuer, times) are remembered; an expired one is checked again, and so refused. Bounded:
 * when full, it is cleared rather than grown.
 */
public class CachingJwtDecoder implements ReactiveJwtDecoder {

	private final ReactiveJwtDecoder delegate;

	private final Clock clock;

	private final int maxEntries;

	private final Map<String, Jwt> verified = new ConcurrentHashMap<>();

	public CachingJwtDecoder(ReactiveJwtDecoder delegate, Clock clock, int maxEntries) {
		this.delegate = delegate;
		this.clock = clock;
		this.maxEntries = maxEntries;
	}

	@Override
	public Mono<Jwt> decode(String token) throws JwtException {
		Jwt known = verified.get(token);
		if (known != null) {
			Instant expires = known.getExpiresAt();
			if (expires != null && clock.instant().isBefore(expires)) {
				return Mono.just(known);
			}
			verified.remove(token);
		}
		return delegate.decode(token).doOnNext((jwt) -> {
			if (jwt.getExpiresAt() == null) {
				return;
			}
			if (verified.size() >= maxEntries) {
				verified.clear();
			}
			verified.put(token, jwt);
		});
	}

}
