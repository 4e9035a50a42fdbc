package io.damselfly.peer.scheduler;

import java.net.URI;
import java.time.Duration;
import java.util.List;

import io.damselfly.service.resilience.BreakerSettings;
import jakarta.validation.Valid;
import org.jspecify.annotations.Nullable;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.NestedConfigurationProperty;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * How the daemon finds and talks to schedulers. How long the manager's scheduler list is trusted is
 * {@code damselfly.manager.node-list.*}.
 *
 * @param announceInterval how often to announce to schedulers, unless a scheduler asks for another
 * interval in its answer (default 10 s)
 * @param schedulers static scheduler base URLs, used when the manager has never listed any, or its list
 * expired
 * @param schedulerRefreshInterval how often the scheduler list is read from the manager (default 2 s)
 * @param schedulerTimeout per-call timeout to a scheduler before failing over to the next (default 3 s)
 * @param schedulerBreaker the breakers {@code scheduler:<url>}; when not set: a window of 10 calls, judged
 * from 3, opening at 50% failures, 5 s open, 2 trial calls half open, half-opened by a timer
 */
@Validated
@ConfigurationProperties("damselfly.peer")
public record SchedulerLinkProperties(@DefaultValue("10s") Duration announceInterval,
		@DefaultValue List<URI> schedulers, @DefaultValue("2s") Duration schedulerRefreshInterval,
		@DefaultValue("3s") Duration schedulerTimeout, @Nullable @Valid @NestedConfigurationProperty BreakerSettings schedulerBreaker) {

	public SchedulerLinkProperties {
		if (schedulerBreaker == null) {
			schedulerBreaker = new BreakerSettings(50, 10, 3, Duration.ofSeconds(5), 2, true);
		}
	}

	/** The scheduler breaker settings, never null once bound. */
	public BreakerSettings breaker() {
		return java.util.Objects.requireNonNull(schedulerBreaker);
	}

}
