package io.damselfly.peer.transfer;

import java.time.Duration;

import io.damselfly.service.resilience.BreakerSettings;
import jakarta.validation.Valid;
import org.jspecify.annotations.Nullable;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.NestedConfigurationProperty;
import org.springframework.validation.annotation.Validated;

/**
 * How the daemon guards its calls to parent peers.
 *
 * @param parentBreaker the breakers {@code parent:<hostId>}, shared by every download; when not set: a
 * window of 10 calls, judged from 4, opening at 50% failures, 5 s open, 2 trial calls half open,
 * half-opened by a timer
 */
@Validated
@ConfigurationProperties("damselfly.peer")
public record TransferProperties(@Nullable @Valid @NestedConfigurationProperty BreakerSettings parentBreaker) {

	public TransferProperties {
		if (parentBreaker == null) {
			parentBreaker = new BreakerSettings(50, 10, 4, Duration.ofSeconds(5), 2, true);
		}
	}

	/** The parent breaker settings, never null once bound. */
	public BreakerSettings breaker() {
		return java.util.Objects.requireNonNull(parentBreaker);
	}

}
