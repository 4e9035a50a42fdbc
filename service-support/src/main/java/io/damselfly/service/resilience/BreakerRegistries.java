package io.damselfly.service.resilience;

import java.util.Map;

import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.github.resilience4j.circuitbreaker.CircuitBreakerConfig;
import io.github.resilience4j.circuitbreaker.CircuitBreakerRegistry;
import io.github.resilience4j.micrometer.tagged.TaggedCircuitBreakerMetrics;
import io.micrometer.core.instrument.MeterRegistry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Builds every service's circuit breaker registry the same way: named configurations, each breaker created
 * once from it, metrics ({@code resilience4j_circuitbreaker_*}, tagged by breaker name) through
 * {@link TaggedCircuitBreakerMetrics}, and one logging policy for state transitions: leaving CLOSED (to
 * OPEN, HALF_OPEN, FORCED_OPEN...) is a WARN, since something is failing; coming back to CLOSED is an INFO.
 */
public final class BreakerRegistries {

	private static final Logger logger = LoggerFactory.getLogger(BreakerRegistries.class);

	/** The name of the default configuration of a registry. */
	public static final String DEFAULT = "default";

	private BreakerRegistries() {
	}

	/** A registry whose every breaker uses {@code config}. */
	public static CircuitBreakerRegistry observed(CircuitBreakerConfig config, MeterRegistry meters) {
		return observed(Map.of(DEFAULT, config), meters);
	}

	/**
	 * A registry with named configurations; one of them must be {@value #DEFAULT}.
	 * @param configs configuration by name, as {@code registry.circuitBreaker(name, configName)} expects
	 */
	public static CircuitBreakerRegistry observed(Map<String, CircuitBreakerConfig> configs, MeterRegistry meters) {
		if (!configs.containsKey(DEFAULT)) {
			throw new IllegalArgumentException("a breaker registry needs a '" + DEFAULT + "' configuration");
		}
		CircuitBreakerRegistry registry = CircuitBreakerRegistry.of(configs);
		registry.getEventPublisher().onEntryAdded((added) -> observe(added.getAddedEntry()));
		TaggedCircuitBreakerMetrics.ofCircuitBreakerRegistry(registry).bindTo(meters);
		return registry;
	}

	private static void observe(CircuitBreaker breaker) {
		breaker.getEventPublisher().onStateTransition((event) -> {
			CircuitBreaker.StateTransition transition = event.getStateTransition();
			CircuitBreaker.Metrics metrics = breaker.getMetrics();
			String message = "Circuit breaker {} {} -> {} (failure rate {}% over {} calls)";
			Object[] args = { breaker.getName(), transition.getFromState(), transition.getToState(),
					metrics.getFailureRate(), metrics.getNumberOfBufferedCalls() };
			if (transition.getToState() == CircuitBreaker.State.CLOSED) {
				logger.info(message, args);
			}
			else {
				logger.warn(message, args);
			}
		});
	}

}
