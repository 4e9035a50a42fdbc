package io.damselfly.peer.download;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * How the daemon downloads: from parents, and what it keeps for the local API.
 *
 * @param concurrentPieces pieces in flight per download, across parents or origin ranges (default 6)
 * @param pieceTimeout the longest one piece fetch may take before its parent counts as failing
 * @param pieceStallTimeout the longest a piece fetch may go without a byte from its parent (first byte
 * included) before the parent counts as failing: a hung parent (a stopped process, a dead host whose
 * connection stays open) is dropped after this, not after {@code pieceTimeout} (default 10 s)
 * @param reportInterval longest delay before piece results are reported to the scheduler (default 250 ms)
 * @param reportBatchSize piece results that trigger a report at once (default 16)
 * @param parentPollInterval how often a child re-reads its parents' bitmaps while they are still
 * fetching (default 250 ms)
 * @param maxReschedules the most scheduler round trips one download may take (default 300)
 * @param schedulerOutageWait how long a download waits for schedulers that answer but cannot serve (503,
 * their Redis failing over) before it goes to the origin without them (default 30 s); schedulers that do
 * not answer at all are given about 10 s
 * @param downloadsKept download records kept in memory for the local API (default 1000)
 * @param maxActiveTasks tasks this daemon runs at once (default 128); a request that would start one more
 * is refused with 503, one that joins a running task never is
 * @param allowedOutputDirs directories an {@code output} path must lie under; none by default, so a
 * request with {@code output} is refused unless the operator names a directory
 * (docs/architecture.md#trust-and-security)
 */
@Validated
@ConfigurationProperties("damselfly.peer")
public record DownloadProperties(@DefaultValue("6") @Min(1) @Max(64) int concurrentPieces,
		@DefaultValue("60s") Duration pieceTimeout, @DefaultValue("250ms") Duration reportInterval,
		@DefaultValue("16") @Min(1) @Max(1000) int reportBatchSize, @DefaultValue("250ms") Duration parentPollInterval,
		@DefaultValue("300") @Min(1) int maxReschedules, @DefaultValue("30s") Duration schedulerOutageWait,
		@DefaultValue("1000") @Min(1) int downloadsKept,
		@DefaultValue("128") @Min(1) int maxActiveTasks,
		@DefaultValue List<Path> allowedOutputDirs, @DefaultValue("10s") Duration pieceStallTimeout) {

	public DownloadProperties {
		allowedOutputDirs = List.copyOf(allowedOutputDirs);
	}

}
