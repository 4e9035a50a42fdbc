package io.damselfly.service.security;

import org.jspecify.annotations.Nullable;

/**
 * Who this service is, named in the tokens it asks for ({@code sub}): a peer's host id, a scheduler's
 * node id. Callers are told apart by it (the gateway's rate limit keys on it); without one a token
 * names only its role.
 */
@FunctionalInterface
public interface TokenSubject {

	/** The id, or null while it is not known yet (before the web server has bound its port). */
	@Nullable String subject();

}
