package io.damselfly.peer.config;

import java.time.Duration;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * Thresholds of the readiness health indicators (DESIGN §5).
 *
 * @param diskThresholdPercent disk usage, of the volume or of the configured capacity, at or above
 * which the node is DOWN (default 85)
 * @param ioProbeInterval how often the disk I/O probe writes and fsyncs a small file (default 2 s)
 * @param ioLatencyThreshold a probe slower than this is DOWN (default 500 ms)
 * @param snapshotInterval how often the announced health snapshot is refreshed (default 1 s)
 */
@Validated
@ConfigurationProperties("damselfly.health")
public record HealthProperties(@DefaultValue("85") @Min(1) @Max(100) int diskThresholdPercent,
		@DefaultValue("2s") Duration ioProbeInterval, @DefaultValue("500ms") Duration ioLatencyThreshold,
		@DefaultValue("1s") Duration snapshotInterval) {
}
