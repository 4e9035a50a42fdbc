package io.damselfly.gateway.resilience;

import io.damselfly.gateway.DamselflyGatewayProperties;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.github.resilience4j.circuitbreaker.CircuitBreakerConfig;
import io.github.resilience4j.circuitbreaker.CircuitBreakerRegistry;
import io.github.resilience4j.micrometer.tagged.TaggedCircuitBreakerMetrics;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The route circuit breakers: one registry with the shared configuration of
 * {@code damselfly.gateway.breaker}, state changes logged from the registry's event publisher, and
 * metrics ({@code resilience4j_circuitbreaker_*}, tagged by breaker name) through
 * {@link TaggedCircuitBreakerMetrics}. Breakers are named {@code route:<routeId>}.
 */
@Configuration(proxyBeanMethods = false)
public class ResilienceConfiguration {

	private static final Logger logger = LoggerFactory.getLogger(ResilienceConfiguration.class);

	/** The breaker name for a route. */
	public static String breakerName(String routeId) {
		return "route:" + routeId;
	}

	@Bean
	CircuitBreakerRegistry routeBreakerRegistry(DamselflyGatewayProperties properties) {
		DamselflyGatewayProperties.Breaker settings = properties.breaker();
		CircuitBreakerConfig config = CircuitBreakerConfig.custom()
			.slidingWindowType(CircuitBreakerConfig.SlidingWindowType.COUNT_BASED)
			.slidingWindowSize(settings.slidingWindowSize())
			.minimumNumberOfCalls(settings.minimumNumberOfCalls())
			.failureRateThreshold(settings.failureRateThreshold())
			.waitDurationInOpenState(settings.waitDurationInOpenState())
			.permittedNumberOfCallsInHalfOpenState(settings.permittedCallsInHalfOpenState())
			.recordResult(RouteBreakerFilter::isFailedResponse)
			.build();
		CircuitBreakerRegistry registry = CircuitBreakerRegistry.of(config);
		registry.getEventPublisher().onEntryAdded((added) -> observe(added.getAddedEntry()));
		return registry;
	}

	@Bean
	TaggedCircuitBreakerMetrics routeBreakerMetrics(CircuitBreakerRegistry routeBreakerRegistry) {
		return TaggedCircuitBreakerMetrics.ofCircuitBreakerRegistry(routeBreakerRegistry);
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
