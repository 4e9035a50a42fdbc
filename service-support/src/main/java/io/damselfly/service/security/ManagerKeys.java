package io.damselfly.service.security;

import java.text.ParseException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;

import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jwt.SignedJWT;
import io.damselfly.service.web.WebClients;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.netty.http.client.HttpClient;

import org.springframework.security.oauth2.jwt.BadJwtException;
import org.springframework.web.reactive.function.client.WebClient;

/**
 * The managers' public keys ({@code /api/v1/auth/jwks}), fetched once and kept; fetched again when a
 * token names a key id this set does not hold (at most once per {@link #REFETCH_PAUSE}, so a flood of
 * forged key ids cannot turn into a flood of fetches). With several managers, a fetch tries each in
 * turn: they share one signing key, so any of them answers for all.
 */
public final class ManagerKeys {

	static final Duration REFETCH_PAUSE = Duration.ofSeconds(5);

	private static final Logger logger = LoggerFactory.getLogger(ManagerKeys.class);

	private final List<String> uris;

	private final WebClient web;

	private final Duration timeout;

	private final Clock clock;

	private final AtomicReference<@Nullable JWKSet> keys = new AtomicReference<>();

	private final AtomicReference<@Nullable Mono<JWKSet>> inflight = new AtomicReference<>();

	private volatile Instant lastFetch = Instant.EPOCH;

	/**
	 * @param http the client for calls to other nodes ({@link io.damselfly.service.tls.ClusterHttpClients})
	 * @param uris every manager's {@code /api/v1/auth/jwks}, in the order to try them
	 */
	public ManagerKeys(WebClient.Builder builder, HttpClient http, List<String> uris, Duration timeout, Clock clock) {
		if (uris.isEmpty()) {
			throw new IllegalArgumentException("no JWK set URI to fetch the managers' public keys from");
		}
		this.uris = List.copyOf(uris);
		this.timeout = timeout;
		this.clock = clock;
		this.web = WebClients.withTimeouts(builder.clone(), http, timeout, timeout).build();
	}

	/** The keys that may have signed {@code jwt}: those with its key id (all of them when it names none). */
	public Flux<JWK> keysFor(SignedJWT jwt) {
		String kid = jwt.getHeader().getKeyID();
		return Mono.defer(() -> {
			JWKSet current = keys.get();
			boolean known = current != null && (kid == null || current.getKeyByKeyId(kid) != null);
			boolean mayRefetch = clock.instant().isAfter(lastFetch.plus(REFETCH_PAUSE));
			if (current != null && (known || !mayRefetch)) {
				return Mono.just(current);
			}
			return fetch().onErrorResume((ex) -> (current != null) ? Mono.just(current) : Mono.error(ex));
		}).flatMapMany((set) -> Flux.fromIterable(
				(kid == null) ? set.getKeys() : set.getKeys().stream().filter((k) -> kid.equals(k.getKeyID())).toList()));
	}

	/** Fetches the keys now, in the background; a failure leaves the fetch to the first token. */
	public void prefetch() {
		fetch().timeout(timeout.multipliedBy(uris.size() + 1L)).subscribe(
				(set) -> logger.info("Fetched the managers' public keys ({} key(s))", set.getKeys().size()),
				(ex) -> logger.warn("Could not fetch the managers' public keys yet ({}); the first token will",
						ex.toString()));
	}

	private Mono<JWKSet> fetch() {
		Mono<JWKSet> running = inflight.get();
		if (running != null) {
			return running;
		}
		Mono<JWKSet> fresh = attempt(0)
			.doOnNext((set) -> {
				keys.set(set);
				lastFetch = clock.instant();
			})
			.doFinally((signal) -> inflight.set(null))
			.cache();
		return inflight.compareAndSet(null, fresh) ? fresh : fetch();
	}

	private Mono<JWKSet> attempt(int index) {
		String uri = uris.get(index);
		return web.get().uri(uri).retrieve().bodyToMono(String.class).timeout(timeout)
			.map(ManagerKeys::parse)
			.onErrorResume((ex) -> {
				if (index + 1 < uris.size()) {
					logger.warn("Cannot fetch the managers' public keys from {} ({}); trying {}", uri, ex.toString(),
							uris.get(index + 1));
					return attempt(index + 1);
				}
				// A token this service cannot check is refused (401 problem), never a 500.
				return Mono.error(new BadJwtException("cannot verify the token: the managers' public keys cannot be "
						+ "fetched from " + uris + " (" + ex.getMessage() + ")", ex));
			});
	}

	private static JWKSet parse(String json) {
		try {
			return JWKSet.parse(json);
		}
		catch (ParseException ex) {
			throw new IllegalStateException("the JWK set is malformed: " + ex.getMessage(), ex);
		}
	}

}
