package io.damselfly.manager.job;

import java.time.Duration;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * Preheat jobs ({@code damselfly.jobs.*}).
 *
 * @param enabled whether this manager runs jobs (it always accepts and serves them)
 * @param pollInterval how often a running job asks each node how its downloads are going
 * @param claimTtl how long a manager's claim on a job lasts without renewal; a manager that dies lets
 * another take the job over after this long
 * @param resumeInterval how often a manager looks for jobs nobody runs (new, or left by a dead manager)
 * @param nodeTimeout how long one node may take for all of a job's downloads before it counts as failed
 * @param jobTtl how long a finished job stays readable
 * @param nodeConcurrency downloads started at once in one stage of a job
 */
@Validated
@ConfigurationProperties("damselfly.jobs")
public record JobProperties(@DefaultValue("true") boolean enabled,
		@NotNull @DefaultValue("500ms") Duration pollInterval,
		@NotNull @DefaultValue("15s") Duration claimTtl,
		@NotNull @DefaultValue("5s") Duration resumeInterval,
		@NotNull @DefaultValue("30m") Duration nodeTimeout,
		@NotNull @DefaultValue("7d") Duration jobTtl,
		@Min(1) @Max(1000) @DefaultValue("32") int nodeConcurrency) {
}
