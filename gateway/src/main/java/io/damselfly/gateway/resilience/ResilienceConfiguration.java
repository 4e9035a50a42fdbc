package io.damselfly.gateway.resilience;

import io.damselfly.gateway.DamselflyGatewayProperties;
import io.damselfly.service.resilience.BreakerRegistries;
import io.github.resilience4j.circuitbreaker.CircuitBreakerRegistry;
import io.micrometer.core.instrument.MeterRegistry;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The route circuit breakers: one registry with the shared settings of {@code damselfly.gateway.breaker},
 * observed like every Damselfly registry ({@link BreakerRegistries}). Breakers are named
 * {@code route:<routeId>}; a response counts as a failure when {@link RouteBreakerFilter} says so.
 */
@Configuration(proxyBeanMethods = false)
public class ResilienceConfiguration {

	/** The breaker name for a route. */
	public static String breakerName(String routeId) {
		return "route:" + routeId;
	}

	@Bean
	CircuitBreakerRegistry routeBreakerRegistry(DamselflyGatewayProperties properties, MeterRegistry meters) {
		return BreakerRegistries.observed(
				properties.breaker().toBuilder().recordResult(RouteBreakerFilter::isFailedResponse).build(), meters);
	}

}
