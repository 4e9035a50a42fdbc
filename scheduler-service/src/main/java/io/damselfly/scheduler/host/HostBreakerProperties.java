package io.damselfly.scheduler.host;

import java.time.Duration;

import jakarta.validation.constraints.AssertTrue;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import org.hibernate.validator.constraints.time.DurationMin;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * Thresholds of the per-host breakers (docs/architecture.md#failure-detection-and-ejection, "scheduler → hosts"), fed by the piece outcomes
 * children report and shared by every scheduler instance through Redis. The names follow
 * Resilience4j's {@code CircuitBreakerConfig}; the state machine itself runs in Redis
 * ({@code host_outcomes.lua}), because a Resilience4j breaker lives in one JVM.
 * <p>
 * With the defaults a host is ejected when half of its last 20 pieces (at least 5) failed, or at once
 * when 3 of them did not match the task's digests: a corrupt peer is caught after a handful of bad
 * pieces. It is filtered for 10 s, then up to 3 children at a time may try it: 3 good pieces close
 * the breaker, one failure opens it again.
 *
 * @param window how many recent piece outcomes are kept per host
 * @param minimumOutcomes how many outcomes the window needs before the failure rate counts
 * @param failureRateThreshold failure rate, in percent, that opens the breaker
 * @param digestMismatchThreshold digest mismatches in the window that open the breaker whatever the
 * rate and the minimum: a peer serving corrupt data is worse than a slow one
 * @param openDuration how long an open breaker filters the host before putting it on probation
 * @param halfOpenPermits how many children may try a host on probation (half-open) at a time
 * @param halfOpenSuccesses good pieces on probation that close the breaker
 * @param probationTimeout how long probation grants hold without closing or reopening the breaker;
 * after it, other children may try the host (the first ones may have died)
 * @param idleTtl how long a host's breaker is kept after the last outcome reported about it
 */
@Validated
@ConfigurationProperties("damselfly.scheduler.host-breaker")
public record HostBreakerProperties(
		@DefaultValue("20") @Min(value = 1, message = "window must be between 1 and 200")
		@Max(value = 200, message = "window must be between 1 and 200") int window,
		@DefaultValue("5") @Min(value = 1, message = "minimum-outcomes must be at least 1") int minimumOutcomes,
		@DefaultValue("50") @Min(value = 1, message = "failure-rate-threshold must be between 1 and 100")
		@Max(value = 100, message = "failure-rate-threshold must be between 1 and 100") int failureRateThreshold,
		@DefaultValue("3") @Min(value = 1, message = "digest-mismatch-threshold must be at least 1")
		int digestMismatchThreshold,
		@DefaultValue("10s") @DurationMin(millis = 1, message = "open-duration must be positive") Duration openDuration,
		@DefaultValue("3") @Min(value = 1, message = "half-open-permits must be at least 1") int halfOpenPermits,
		@DefaultValue("3") @Min(value = 1, message = "half-open-successes must be at least 1") int halfOpenSuccesses,
		@DefaultValue("30s") @DurationMin(millis = 1,
				message = "probation-timeout must be positive") Duration probationTimeout,
		@DefaultValue("1h") @DurationMin(seconds = 1, message = "idle-ttl must be at least 1s") Duration idleTtl) {

	/** The defaults, for plain tests. */
	public static final HostBreakerProperties DEFAULTS = new HostBreakerProperties(20, 5, 50, 3, Duration.ofSeconds(10),
			3, 3, Duration.ofSeconds(30), Duration.ofHours(1));

	/** An open breaker must outlive its open duration, or it would close by expiring. */
	@AssertTrue(message = "idle-ttl must be longer than open-duration + probation-timeout")
	public boolean isIdleTtlLongEnough() {
		return idleTtl.compareTo(openDuration.plus(probationTimeout)) > 0;
	}

}
