package io.damselfly.service.security;

import java.util.EnumSet;
import java.util.Set;

import reactor.core.publisher.Mono;

import org.springframework.security.core.Authentication;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.context.ReactiveSecurityContextHolder;

/**
 * Who is calling, as the verified token says: for decisions a path rule cannot make, such as a host's
 * type, which comes from its token and never from its announce.
 *
 * @param name the token's subject
 * @param roles the roles it names
 */
public record Caller(String name, Set<Role> roles) {

	/** The caller of the current request; empty when security is off or the call is anonymous. */
	public static Mono<Caller> current() {
		return ReactiveSecurityContextHolder.getContext().mapNotNull((c) -> c.getAuthentication())
			.filter(Authentication::isAuthenticated).map(Caller::of);
	}

	static Caller of(Authentication authentication) {
		Set<Role> roles = EnumSet.noneOf(Role.class);
		for (GrantedAuthority authority : authentication.getAuthorities()) {
			String name = authority.getAuthority();
			if (name != null && name.startsWith("ROLE_")) {
				try {
					roles.add(Role.of(name.substring(5)));
				}
				catch (IllegalArgumentException ex) {
					// An authority that is not a Damselfly role (the metrics scraper): no role.
				}
			}
		}
		return new Caller(authentication.getName(), Set.copyOf(roles));
	}

	public boolean is(Role role) {
		return roles.contains(role);
	}

}
