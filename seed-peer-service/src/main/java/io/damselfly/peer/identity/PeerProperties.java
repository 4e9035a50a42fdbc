package io.damselfly.peer.config;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import org.jspecify.annotations.Nullable;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;
import org.springframework.validation.annotation.Validated;

/**
 * The peer daemon's own settings.
 *
 * @param mode {@code seed} or {@code normal} (default); a seed also registers with the manager
 * @param hostId stable host id; default {@code <mode>-<hostname>-<port>} sanitized to the NAME_ID pattern
 * @param hostname the machine name announced to schedulers; default the local host name
 * @param advertiseIp the address other peers use to fetch pieces from this daemon (default 127.0.0.1)
 * @param idc data centre, for affinity scoring (optional)
 * @param location location path such as {@code eu|fr|paris} (optional)
 * @param uploadSlots concurrent piece uploads offered; default 200 normal, 2000 seed (docs/architecture.md#scheduling)
 * @param concurrentPieces pieces in flight per download, across parents or origin ranges (default 6)
 * @param pieceTimeout the longest one piece fetch may take before its parent counts as failing
 * @param announceInterval how often to announce to schedulers, unless a scheduler asks for another
 * interval in its answer (default 10 s)
 * @param schedulers static scheduler base URLs, used when the manager lists none or cannot be reached
 * @param schedulerRefreshInterval how often the scheduler list is read from the manager (default 2 s)
 * @param schedulerTimeout per-call timeout to a scheduler before failing over to the next (default 3 s)
 * @param reportInterval longest delay before piece results are reported to the scheduler (default 250 ms)
 * @param reportBatchSize piece results that trigger a report at once (default 16)
 * @param parentPollInterval how often a child re-reads its parents' bitmaps while they are still
 * fetching (default 250 ms)
 * @param minPieceSize the smallest piece size, also used when the length is unknown (default 4 MiB)
 * @param maxPieceSize the largest piece size (default 64 MiB)
 * @param originTimeout connect and response-header timeout of origin requests (default 30 s)
 * @param originRetries retries of a failed origin request, with backoff (default 3)
 * @param maxReschedules the most scheduler round trips one download may take (default 300)
 * @param downloadsKept download records kept in memory for the local API (default 1000)
 * @param allowedOutputDirs directories an {@code output} path must lie under; default
 * {@code java.io.tmpdir} and {@code user.home}
 */
@Validated
@ConfigurationProperties("damselfly.peer")
public record PeerProperties(@DefaultValue("normal") @NotNull PeerMode mode, @Nullable String hostId,
		@Nullable String hostname, @DefaultValue("127.0.0.1") String advertiseIp, @Nullable String idc,
		@Nullable String location, @Nullable @Min(1) @Max(100_000) Integer uploadSlots,
		@DefaultValue("6") @Min(1) @Max(64) int concurrentPieces, @DefaultValue("60s") Duration pieceTimeout,
		@DefaultValue("10s") Duration announceInterval, @DefaultValue List<URI> schedulers,
		@DefaultValue("2s") Duration schedulerRefreshInterval, @DefaultValue("3s") Duration schedulerTimeout,
		@DefaultValue("250ms") Duration reportInterval, @DefaultValue("16") @Min(1) @Max(1000) int reportBatchSize,
		@DefaultValue("250ms") Duration parentPollInterval, @DefaultValue("4MB") DataSize minPieceSize,
		@DefaultValue("64MB") DataSize maxPieceSize, @DefaultValue("30s") Duration originTimeout,
		@DefaultValue("3") @Min(0) @Max(20) int originRetries,
		@DefaultValue("300") @Min(1) int maxReschedules, @DefaultValue("1000") @Min(1) int downloadsKept,
		@DefaultValue List<Path> allowedOutputDirs) {

	public PeerProperties {
		if (allowedOutputDirs.isEmpty()) {
			allowedOutputDirs = List.of(Path.of(System.getProperty("java.io.tmpdir")),
					Path.of(System.getProperty("user.home")));
		}
		long min = minPieceSize.toBytes();
		long max = maxPieceSize.toBytes();
		if (min <= 0 || max < min || Long.bitCount(min) != 1 || Long.bitCount(max) != 1) {
			throw new IllegalArgumentException(
					"damselfly.peer.min-piece-size and max-piece-size must be powers of two with min <= max");
		}
	}

	/** Upload slots, defaulted by mode. */
	public int effectiveUploadSlots() {
		if (uploadSlots != null) {
			return uploadSlots;
		}
		return (mode == PeerMode.SEED) ? 2000 : 200;
	}

}
