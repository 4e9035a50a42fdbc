package io.damselfly.service.resilience;

import java.time.Duration;

import jakarta.validation.constraints.DecimalMax;
import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.Min;
import org.hibernate.validator.constraints.time.DurationMin;

import io.github.resilience4j.circuitbreaker.CircuitBreakerConfig;
import io.github.resilience4j.circuitbreaker.CircuitBreakerConfig.SlidingWindowType;

import org.springframework.boot.context.properties.ConfigurationPropertiesSource;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The settings of one family of circuit breakers (count-based sliding window), nested in a service's
 * properties record. The defaults here are the gateway's route breakers'; a record that nests this one
 * with other defaults documents them and fills them in when nothing is configured.
 * <p>
 * {@code @ConfigurationPropertiesSource} because the records that nest this one live in other modules,
 * where the configuration processor sees only this class file, not its Javadoc: it makes the processor
 * store these descriptions and defaults in this module's jar, for theirs to pick up. Each nesting component
 * is marked {@code @NestedConfigurationProperty}, or the processor would take it for a single value.
 *
 * @param failureRateThreshold percentage of failed calls that opens the breaker (default 50)
 * @param slidingWindowSize how many recent calls are judged (default 20)
 * @param minimumNumberOfCalls calls needed before the rate is judged at all (default 10)
 * @param waitDurationInOpenState how long an open breaker refuses calls before letting a few through
 * (default 5 s)
 * @param permittedCallsInHalfOpenState trial calls let through when half open (default 3)
 * @param automaticTransitionFromOpenToHalfOpen whether a timer moves an open breaker to half open when the
 * wait is over (default false: the first call after the wait does, so no timer runs per breaker)
 */
@ConfigurationPropertiesSource
public record BreakerSettings(@DefaultValue("50") @DecimalMin("1") @DecimalMax("100") float failureRateThreshold,
		@DefaultValue("20") @Min(1) int slidingWindowSize, @DefaultValue("10") @Min(1) int minimumNumberOfCalls,
		@DefaultValue("5s") @DurationMin(millis = 1) Duration waitDurationInOpenState,
		@DefaultValue("3") @Min(1) int permittedCallsInHalfOpenState,
		@DefaultValue("false") boolean automaticTransitionFromOpenToHalfOpen) {

	/** A builder with these settings, for the caller to add what it records or ignores, or a clock. */
	public CircuitBreakerConfig.Builder toBuilder() {
		return CircuitBreakerConfig.custom()
			.slidingWindow(slidingWindowSize, Math.min(minimumNumberOfCalls, slidingWindowSize),
					SlidingWindowType.COUNT_BASED)
			.failureRateThreshold(failureRateThreshold)
			.waitDurationInOpenState(waitDurationInOpenState)
			.permittedNumberOfCallsInHalfOpenState(permittedCallsInHalfOpenState)
			.automaticTransitionFromOpenToHalfOpenEnabled(automaticTransitionFromOpenToHalfOpen);
	}

	/** These settings with another minimum number of calls. */
	public BreakerSettings withMinimumNumberOfCalls(int calls) {
		return new BreakerSettings(failureRateThreshold, slidingWindowSize, calls, waitDurationInOpenState,
				permittedCallsInHalfOpenState, automaticTransitionFromOpenToHalfOpen);
	}

}
