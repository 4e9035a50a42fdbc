package io.damselfly.scheduler.config;

import java.time.Duration;

import io.damselfly.service.resilience.BreakerSettings;
import jakarta.validation.Valid;
import jakarta.validation.constraints.DecimalMax;
import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import org.jspecify.annotations.Nullable;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.NestedConfigurationProperty;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * Settings of one scheduler instance. Scheduling limits are not here: they are cluster-wide and come
 * from the manager's cluster config.
 *
 * @param instanceId id recorded in every explanation; blank means {@code scheduler-<port>}
 * @param filteredQueryParams comma-separated query parameter names left out of task ids (e.g.
 * {@code X-Amz-Signature,X-Amz-Date}); must match the peers' setting
 * @param explanationLimit how many recent attempts are kept per peer for
 * {@code GET /api/v1/peers/{peerId}/schedule}
 * @param clusterConfigRefresh how long the manager's cluster config is cached
 * @param seedListRefresh how long the manager's list of seed peers (with their states) is cached
 * @param seedTriggerRetries how many retry intervals the "seed triggered" mark lives; until it expires
 * no instance triggers the task's seed again
 * @param seedTriggerTimeout how long a seed may take to accept a download request; a seed asks the origin
 * whether a URL's content changed before it accepts (damselfly.origin.revalidate-timeout, 5 s), so this
 * leaves it that long
 * @param retryJitter the largest random extra added to a WAIT answer, as a fraction of the retry interval
 * @param cycleSearchLimit how many ancestors of the sampled candidates are read to detect cycles
 * @param seedBreaker the breakers of this instance's calls to seed peers ({@code node:<id>}); when not set:
 * a window of 10 calls, judged from 3, opening at 50% failures, 10 s open, 1 trial call half open
 */
@Validated
@ConfigurationProperties("damselfly.scheduler")
public record SchedulerProperties(@Nullable String instanceId, @DefaultValue("") String filteredQueryParams,
		@DefaultValue("10") @Min(value = 1, message = "explanation-limit must be between 1 and 100")
		@Max(value = 100, message = "explanation-limit must be between 1 and 100") int explanationLimit,
		@DefaultValue("10s") Duration clusterConfigRefresh, @DefaultValue("2s") Duration seedListRefresh,
		@DefaultValue("10") @Min(value = 1, message = "seed-trigger-retries must be at least 1") int seedTriggerRetries,
		@DefaultValue("6s") Duration seedTriggerTimeout,
		@DefaultValue("0.2") @DecimalMin("0") @DecimalMax("1") double retryJitter,
		@DefaultValue("64") @Min(value = 1, message = "cycle-search-limit must be at least 1") int cycleSearchLimit,
		@Nullable @Valid @NestedConfigurationProperty BreakerSettings seedBreaker) {

	public SchedulerProperties {
		if (seedBreaker == null) {
			seedBreaker = new BreakerSettings(50, 10, 3, Duration.ofSeconds(10), 1, false);
		}
	}

	/** The seed breaker settings, never null once bound. */
	public BreakerSettings seedBreakerSettings() {
		return java.util.Objects.requireNonNull(seedBreaker);
	}

}
