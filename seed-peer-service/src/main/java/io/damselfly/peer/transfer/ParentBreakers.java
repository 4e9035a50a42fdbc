package io.damselfly.peer.transfer;

import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.github.resilience4j.circuitbreaker.CircuitBreakerRegistry;

/**
 * One breaker per parent host, {@code parent:<hostId>}, shared by every download on this daemon: a
 * host that keeps failing is refused at once by all of them until its breaker half-opens.
 */
public class ParentBreakers {

	/** Breaker configuration name in the registry for parent breakers. */
	public static final String BREAKER_CONFIG = "parent";

	private final CircuitBreakerRegistry registry;

	public ParentBreakers(CircuitBreakerRegistry registry) {
		this.registry = registry;
	}

	public CircuitBreaker forHost(String hostId) {
		return registry.circuitBreaker("parent:" + hostId, BREAKER_CONFIG);
	}

}
