package io.damselfly.peer.security;

import java.util.Set;

import io.damselfly.service.security.AccessRules;
import io.damselfly.service.security.Role;
import reactor.core.publisher.Mono;

import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.security.authorization.AuthorizationDecision;
import org.springframework.security.authorization.AuthorizationResult;
import org.springframework.security.authorization.ReactiveAuthorizationManager;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.web.server.authorization.AuthorizationContext;

/**
 * The local API stays local: {@code /api/v1/downloads} answers callers from
 * {@link LocalApiProperties#allowedCidrs()}, or with a {@code peer}, {@code scheduler} (its seed
 * trigger), {@code manager} (a preheat job) or {@code admin} token. The piece API answers peers and
 * seeds (and admin).
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(LocalApiProperties.class)
public class PeerSecurityConfiguration {

	@Bean
	LocalCallers localCallers(LocalApiProperties localApi) {
		return new LocalCallers(localApi.allowedCidrs());
	}

	@Bean
	AccessRules peerAccessRules(LocalCallers localCallers) {
		ReactiveAuthorizationManager<AuthorizationContext> localApiAccess = localOrToken(localCallers,
				Set.of(Role.PEER.authority(), Role.SCHEDULER.authority(), Role.MANAGER.authority(), Role.ADMIN.authority()));
		return (a) -> a.pathMatchers("/api/v1/downloads", "/api/v1/downloads/**").access(localApiAccess)
			.pathMatchers("/api/v1/tasks/**").hasAnyRole(Role.ids(Role.PEER, Role.SEED, Role.ADMIN));
	}

	static ReactiveAuthorizationManager<AuthorizationContext> localOrToken(LocalCallers local, Set<String> roles) {
		return (authentication, context) -> {
			if (local.allows(context.getExchange().getRequest().getRemoteAddress())) {
				return Mono.just(new AuthorizationDecision(true));
			}
			return authentication.filter(Authentication::isAuthenticated)
				.<AuthorizationResult>map((auth) -> new AuthorizationDecision(auth.getAuthorities().stream()
					.map(GrantedAuthority::getAuthority).anyMatch(roles::contains)))
				.defaultIfEmpty(new AuthorizationDecision(false));
		};
	}

}
