package io.damselfly.gateway.ratelimit;

import java.time.Duration;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import org.hibernate.validator.constraints.time.DurationMax;
import org.hibernate.validator.constraints.time.DurationMin;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * How many calls the gateway lets one caller make (docs/security.md#rate-limits). Each caller has a token
 * bucket per route, kept in Redis so that every gateway replica draws on the same one: it holds up to
 * {@code burstCapacity} tokens, gains {@code replenishRate} a second, and each call takes
 * {@code requestedTokens}. A call that finds too few gets a 429 problem.
 * <p>
 * The defaults let a busy client (a CI job polling tasks, an operator's script) run at 100 calls a second
 * with bursts of 200, far above what a person or a well-behaved tool sends, while one runaway or hostile
 * caller cannot take the manager's or the schedulers' whole capacity.
 *
 * @param enabled whether the routes are rate limited at all (default true)
 * @param replenishRate tokens a caller's bucket gains per second, i.e. its sustained calls per second
 * (default 100)
 * @param burstCapacity the most tokens a bucket holds, i.e. the longest burst a rested caller may send at
 * once (default 200); at least {@code replenishRate}
 * @param requestedTokens tokens one call takes (default 1); at most {@code burstCapacity}
 * @param timeout how long a decision may wait for Redis before the call is let through unchecked (default
 * 500 ms, where Redis usually answers in a millisecond): the limiter fails open, so a hung or unreachable
 * Redis delays a call by at most this and never fails it
 */
@Validated
@ConfigurationProperties("damselfly.gateway.rate-limit")
public record RateLimitProperties(@DefaultValue("true") boolean enabled,
		@DefaultValue("100") @Min(1) @Max(1_000_000) int replenishRate,
		@DefaultValue("200") @Min(1) @Max(1_000_000_000) long burstCapacity,
		@DefaultValue("1") @Min(1) int requestedTokens,
		@DefaultValue("500ms") @DurationMin(millis = 1) @DurationMax(seconds = 10) Duration timeout) {

	public RateLimitProperties {
		if (burstCapacity < replenishRate) {
			throw new IllegalArgumentException("damselfly.gateway.rate-limit.burst-capacity (" + burstCapacity
					+ ") must be at least replenish-rate (" + replenishRate + ")");
		}
		if (requestedTokens > burstCapacity) {
			throw new IllegalArgumentException("damselfly.gateway.rate-limit.requested-tokens (" + requestedTokens
					+ ") must be at most burst-capacity (" + burstCapacity + "), or every call would be refused");
		}
	}

	/**
	 * Whole seconds a refused caller should wait before its bucket holds a call's tokens again: the
	 * {@code Retry-After} of a 429. The bucket is refilled once a second (Redis's clock), so never less than 1.
	 */
	public long retryAfterSeconds() {
		return Math.max(1, (requestedTokens + replenishRate - 1) / replenishRate);
	}

}
