package io.damselfly.service.security;

import reactor.core.publisher.Mono;

/** This service's own bearer token, for the control-plane calls it makes; empty when security is off. */
@FunctionalInterface
public interface TokenSource {

	/** A token valid for a while yet; renewed before it expires. */
	Mono<String> token();

	/** Forgets the current token, after a callee refused it (a manager restarted with another key). */
	default void invalidate() {
	}

}
