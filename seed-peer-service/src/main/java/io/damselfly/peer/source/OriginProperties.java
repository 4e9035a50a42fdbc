package io.damselfly.peer.source;

import java.time.Duration;

import io.damselfly.service.resilience.BreakerSettings;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import org.jspecify.annotations.Nullable;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.NestedConfigurationProperty;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;
import org.springframework.validation.annotation.Validated;

/**
 * How the daemon goes back to source, and how it cuts what it fetches into pieces.
 *
 * @param concurrentPieces Range requests in flight per task (default 6, shared with the download setting)
 * @param minPieceSize the smallest piece size, also used when the length is unknown (default 4 MiB)
 * @param maxPieceSize the largest piece size (default 64 MiB)
 * @param originTimeout connect and response-header timeout of origin requests (default 30 s)
 * @param originRetries retries of a failed origin request, with backoff (default 3)
 * @param originBreaker the breakers {@code origin:<host>:<port>}; when not set: a window of 10 calls,
 * judged from 4, opening at 50% failures, 5 s open, 2 trial calls half open, half-opened by a timer
 */
@Validated
@ConfigurationProperties("damselfly.peer")
public record OriginProperties(@DefaultValue("6") @Min(1) @Max(64) int concurrentPieces,
		@DefaultValue("4MB") DataSize minPieceSize, @DefaultValue("64MB") DataSize maxPieceSize,
		@DefaultValue("30s") Duration originTimeout, @DefaultValue("3") @Min(0) @Max(20) int originRetries,
		@Nullable @Valid @NestedConfigurationProperty BreakerSettings originBreaker) {

	public OriginProperties {
		long min = minPieceSize.toBytes();
		long max = maxPieceSize.toBytes();
		if (min <= 0 || max < min || Long.bitCount(min) != 1 || Long.bitCount(max) != 1) {
			throw new IllegalArgumentException(
					"damselfly.peer.min-piece-size and max-piece-size must be powers of two with min <= max");
		}
		if (originBreaker == null) {
			originBreaker = new BreakerSettings(50, 10, 4, Duration.ofSeconds(5), 2, true);
		}
	}

	/** The origin breaker settings, never null once bound. */
	public BreakerSettings breaker() {
		return java.util.Objects.requireNonNull(originBreaker);
	}

}
