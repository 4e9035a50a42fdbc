package io.damselfly.manager.auth;

import java.time.Clock;
import java.time.Duration;

import io.damselfly.common.auth.TokenGrant;
import io.damselfly.service.security.AccessRules;
import io.damselfly.service.security.CachingJwtDecoder;
import io.damselfly.service.security.Role;
import io.damselfly.service.security.SecurityProperties;
import io.damselfly.service.security.ServiceSecurityAutoConfiguration;
import io.damselfly.service.security.TokenSource;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.HttpMethod;
import org.springframework.security.oauth2.jose.jws.SignatureAlgorithm;
import org.springframework.security.oauth2.jwt.JwtValidators;
import org.springframework.security.oauth2.jwt.NimbusReactiveJwtDecoder;
import org.springframework.security.oauth2.jwt.ReactiveJwtDecoder;

/**
 * The manager is its own key holder: it verifies tokens with the key it signs with (no JWK fetch),
 * mints its own {@code manager} token for probing nodes, and says who may call its API.
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(IssuerProperties.class)
public class AuthConfiguration {

	@Bean
	SigningKey signingKey(IssuerProperties properties) {
		return SigningKey.from(properties);
	}

	@Bean
	TokenIssuer tokenIssuer(SigningKey key, IssuerProperties properties) {
		return new TokenIssuer(key, properties, Clock.systemUTC());
	}

	@Bean
	ReactiveJwtDecoder jwtDecoder(SigningKey key) {
		NimbusReactiveJwtDecoder decoder = NimbusReactiveJwtDecoder.withJwkSource((jwt) -> Flux.just(key.publicJwk()))
			.jwsAlgorithm(SignatureAlgorithm.ES256).build();
		decoder.setJwtValidator(JwtValidators.createDefaultWithIssuer(ServiceSecurityAutoConfiguration.ISSUER));
		// Every node calls the manager every few seconds with the same token (keepalives, scheduler lists),
		// and it probes them: without the cache, ES256 checks were 12% of its CPU during a swarm.
		return new CachingJwtDecoder(decoder, Clock.systemUTC(), 4096);
	}

	/** The manager's own token, minted locally and renewed before it expires. */
	@Bean
	TokenSource tokenSource(TokenIssuer issuer, IssuerProperties properties, SecurityProperties security) {
		if (!security.enabled()) {
			return Mono::empty;
		}
		Duration lifetime = properties.tokenLifetime();
		Duration refreshBefore = security.refreshBefore().compareTo(lifetime) < 0 ? security.refreshBefore()
				: lifetime.dividedBy(2);
		var current = new java.util.concurrent.atomic.AtomicReference<TokenGrant>();
		return () -> Mono.fromSupplier(() -> current.updateAndGet((grant) -> (grant != null
				&& Clock.systemUTC().instant().isBefore(grant.expiresAt().minus(refreshBefore))) ? grant
						: issuer.issue(Role.MANAGER, "manager", lifetime))
			.token());
	}

	/**
	 * Only schedulers and seeds register; anyone with a token reads the node list and config; only
	 * admin changes config or deletes a node. Which type a node may register as is checked in
	 * {@link io.damselfly.manager.registry.api.NodeController}.
	 */
	@Bean
	AccessRules managerAccessRules() {
		return (a) -> a.pathMatchers(HttpMethod.POST, "/api/v1/auth/token").permitAll()
			.pathMatchers(HttpMethod.GET, "/api/v1/auth/jwks").permitAll()
			.pathMatchers(HttpMethod.POST, "/api/v1/nodes", "/api/v1/nodes/*/keepalive")
			.hasAnyRole(Role.ids(Role.SCHEDULER, Role.SEED, Role.ADMIN))
			.pathMatchers(HttpMethod.DELETE, "/api/v1/nodes/**").hasRole(Role.ADMIN.id())
			.pathMatchers(HttpMethod.PUT, "/api/v1/clusters/**").hasRole(Role.ADMIN.id())
			// A preheat job makes every seed fetch what it names: the operator's call.
			.pathMatchers(HttpMethod.POST, "/api/v1/jobs", "/api/v1/jobs/**").hasRole(Role.ADMIN.id())
			.pathMatchers(HttpMethod.DELETE, "/api/v1/jobs/**").hasRole(Role.ADMIN.id())
			.pathMatchers(HttpMethod.GET, "/api/v1/nodes", "/api/v1/nodes/**", "/api/v1/clusters/**").authenticated();
	}

}
