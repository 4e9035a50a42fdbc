package io.damselfly.peer.resilience;

import io.github.resilience4j.circuitbreaker.CircuitBreakerConfig;

/**
 * One named configuration of the daemon's breaker registry, declared as a bean by the feature whose
 * remote calls it guards, e.g. {@code scheduler} for the breakers {@code scheduler:<url>}.
 *
 * @param name the configuration name, as {@code registry.circuitBreaker(breakerName, name)} takes it
 * @param config the breakers' configuration
 */
public record BreakerFamily(String name, CircuitBreakerConfig config) {
}
