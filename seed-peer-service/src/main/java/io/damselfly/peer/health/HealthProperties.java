package io.damselfly.peer.health;

import java.time.Duration;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * Thresholds of the readiness health indicators (docs/architecture.md#failure-detection-and-ejection).
 *
 * @param diskThresholdPercent disk usage, of the volume or of the configured storage capacity
 * (whichever is higher), at or above which the node is DOWN (default 85)
 * @param ioProbeInterval how often the disk I/O probe writes and fsyncs a small file (default 2 s)
 * @param ioLatencyThreshold a write + fsync probe slower than this counts as slow (default 500 ms)
 * @param ioSlowProbes slow probes in a row that turn the node DOWN (default 2, so one hiccup of a shared
 * disk does not eject it; 1 makes every slow probe DOWN). A failing probe is DOWN at once.
 * @param memoryThresholdPercent heap still in use after the last garbage collection, as a percentage of
 * the maximum heap, at or above which the node is DOWN (default 95)
 * @param snapshotInterval how often the announced health snapshot is refreshed (default 1 s)
 */
@Validated
@ConfigurationProperties("damselfly.health")
public record HealthProperties(@DefaultValue("85") @Min(1) @Max(100) int diskThresholdPercent,
		@DefaultValue("2s") Duration ioProbeInterval, @DefaultValue("500ms") Duration ioLatencyThreshold,
		@DefaultValue("2") @Min(1) @Max(100) int ioSlowProbes,
		@DefaultValue("95") @Min(1) @Max(100) int memoryThresholdPercent,
		@DefaultValue("1s") Duration snapshotInterval) {
}
