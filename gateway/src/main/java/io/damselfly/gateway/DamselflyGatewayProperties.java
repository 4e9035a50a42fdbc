package io.damselfly.gateway;

import java.time.Duration;

import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.Pattern;
import org.hibernate.validator.constraints.time.DurationMin;

import io.damselfly.service.resilience.BreakerSettings;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.NestedConfigurationProperty;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * The gateway's own settings. The manager's address is {@code damselfly.manager.url}, and how long its
 * scheduler list is trusted is {@code damselfly.manager.node-list.*} (both shared with every service through
 * {@code ManagerProperties}).
 *
 * @param clusterId the cluster whose schedulers this gateway serves (default {@code default})
 * @param refreshInterval how often the active schedulers are fetched from the manager (default 2 s)
 * @param connectTimeout how long to wait for a TCP connection to an upstream (default 1 s)
 * @param routes timeouts and retries per route
 * @param breaker the shared settings of the route circuit breakers
 */
@Validated
@ConfigurationProperties("damselfly.gateway")
public record DamselflyGatewayProperties(
		@DefaultValue("default") @Pattern(regexp = "[A-Za-z0-9][A-Za-z0-9._-]{0,63}",
				message = "clusterId must be 1-64 characters of [A-Za-z0-9._-]") String clusterId,
		@DefaultValue("2s") @DurationMin(millis = 10) Duration refreshInterval,
		@DefaultValue("1s") @DurationMin(millis = 1) Duration connectTimeout,
		@DefaultValue @Valid Routes routes,
		@DefaultValue @Valid @NestedConfigurationProperty BreakerSettings breaker) {

	/**
	 * Per-route settings.
	 *
	 * @param manager the route to the manager ({@code /api/v1/nodes/**}, {@code /api/v1/clusters/**})
	 * @param schedulers the route to the scheduler pool ({@code /api/v1/tasks/**}, {@code /api/v1/peers/**},
	 * {@code /api/v1/hosts/**})
	 */
	public record Routes(@DefaultValue @Valid Route manager, @DefaultValue @Valid Route schedulers) {
	}

	/**
	 * Timeouts and retries of one route.
	 *
	 * @param retries extra attempts after a failed one (default 2); 0 disables retries. Idempotent
	 * methods are retried after a 5xx, an I/O error or an attempt timeout; other methods only when the
	 * connection could not be made, so the request was never sent
	 * @param attemptTimeout how long one attempt may wait for the upstream's response headers (default
	 * 3 s); past it the attempt fails and an idempotent call is retried
	 * @param timeout the bound on the whole call, retries included (default 10 s); past it the caller gets
	 * a 504 problem
	 * @param retryBackoff the pause before the first retry, doubled for each further one (default 50 ms)
	 */
	public record Route(@DefaultValue("2") @Min(0) @Max(10) int retries,
			@DefaultValue("3s") @DurationMin(millis = 1) Duration attemptTimeout,
			@DefaultValue("10s") @DurationMin(millis = 1) Duration timeout,
			@DefaultValue("50ms") @DurationMin(millis = 1) Duration retryBackoff) {
	}

}
