package io.damselfly.service.security;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicReference;

import io.damselfly.common.auth.TokenGrant;
import io.damselfly.common.auth.TokenRequest;
import io.damselfly.service.manager.ManagerClient;
import io.damselfly.service.web.WebClients;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;
import reactor.netty.http.client.HttpClient;

import org.springframework.web.reactive.function.client.WebClient;

/**
 * Trades this node kind's join secret for a short-lived token at the manager
 * ({@code POST /api/v1/auth/token}), keeps it, and renews it {@link SecurityProperties#refreshBefore()}
 * before it expires. Concurrent callers share one request. A renewal that fails while the old token
 * is still valid keeps the old one, so a short manager outage never stops this node's calls.
 */
public class ManagerTokenSource implements TokenSource {

	private static final Logger logger = LoggerFactory.getLogger(ManagerTokenSource.class);

	private final List<String> tokenUris;

	private final WebClient web;

	private final SecurityProperties properties;

	private final Duration timeout;

	private final Clock clock;

	private final AtomicReference<@Nullable Mono<TokenGrant>> inflight = new AtomicReference<>();

	private final TokenSubject subject;

	private volatile @Nullable TokenGrant grant;

	/** The subject {@link #grant} names: a grant asked for before the subject was known is renewed once it is. */
	private volatile @Nullable String grantedTo;

	/**
	 * @param http the client for calls to other nodes ({@link io.damselfly.service.tls.ClusterHttpClients})
	 * @param tokenUris every manager's {@code /api/v1/auth/token}, in the order to try them: a manager that
	 * cannot be reached, times out or answers 5xx hands over to the next
	 * @param subject who this service is, named in its tokens
	 */
	public ManagerTokenSource(WebClient.Builder builder, HttpClient http, List<String> tokenUris,
			SecurityProperties properties, Duration timeout, Clock clock, TokenSubject subject) {
		this.subject = subject;
		if (tokenUris.isEmpty()) {
			throw new IllegalArgumentException("no token URI to ask the managers for a token");
		}
		this.tokenUris = List.copyOf(tokenUris);
		this.properties = properties;
		this.timeout = timeout;
		this.clock = clock;
		this.web = WebClients.withTimeouts(builder, http, timeout, timeout).build();
	}

	@Override
	public Mono<String> token() {
		return Mono.defer(() -> {
			TokenGrant current = grant;
			if (current != null && Objects.equals(grantedTo, subject.subject())
					&& clock.instant().isBefore(current.expiresAt().minus(properties.refreshBefore()))) {
				return Mono.just(current.token());
			}
			return renewal().map(TokenGrant::token)
				// Fail-open while the old token lasts: the manager may be restarting.
				.onErrorResume(Exception.class, (ex) -> {
					TokenGrant old = grant;
					if (old != null && clock.instant().isBefore(old.expiresAt())) {
						logger.debug("Token renewal failed, keeping the current one: {}", ex.toString());
						return Mono.just(old.token());
					}
					return Mono.error(ex);
				});
		});
	}

	@Override
	public void invalidate() {
		grant = null;
	}

	private Mono<TokenGrant> renewal() {
		Mono<TokenGrant> running = inflight.get();
		if (running != null) {
			return running;
		}
		String asked = subject.subject();
		Mono<TokenGrant> fresh = secret().flatMap((secret) -> ask(new TokenRequest(role(), secret, asked), 0))
			// Done before the grant reaches a caller: doFinally alone runs after, and a caller that invalidates the
			// grant at once would be handed the same renewal again.
			.doOnNext((g) -> {
				grant = g;
				grantedTo = asked;
				inflight.set(null);
			})
			.doFinally((signal) -> inflight.set(null))
			.cache();
		return inflight.compareAndSet(null, fresh) ? fresh : renewal();
	}

	private Mono<TokenGrant> ask(TokenRequest request, int index) {
		String uri = tokenUris.get(index);
		return web.post().uri(uri).bodyValue(request).retrieve().bodyToMono(TokenGrant.class).timeout(timeout)
			// A refusal (4xx: a wrong secret) is the same at every manager; only an outage moves on.
			.onErrorResume(ManagerClient::isOutage, (ex) -> {
				if (index + 1 >= tokenUris.size()) {
					return Mono.error(ex);
				}
				logger.warn("Cannot get a token from {} ({}); trying {}", uri, ex.toString(), tokenUris.get(index + 1));
				return ask(request, index + 1);
			});
	}

	private String role() {
		String role = properties.role();
		if (role == null || role.isBlank()) {
			throw new IllegalStateException("damselfly.security.role is not set: this service cannot ask for a token");
		}
		return role;
	}

	private Mono<String> secret() {
		String secret = properties.joinSecret();
		if (secret != null && !secret.isBlank()) {
			return Mono.just(secret.trim());
		}
		String file = properties.joinSecretFile();
		if (file == null || file.isBlank()) {
			return Mono.error(new IllegalStateException(
					"no join secret: set DAMSELFLY_SECURITY_JOIN_SECRET or damselfly.security.join-secret-file"));
		}
		return Mono.fromCallable(() -> Files.readString(Path.of(file)).trim()).subscribeOn(Schedulers.boundedElastic());
	}

}
