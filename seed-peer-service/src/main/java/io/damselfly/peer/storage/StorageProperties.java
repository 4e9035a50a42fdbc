package io.damselfly.peer.storage;

import java.nio.file.Path;
import java.time.Duration;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;
import org.springframework.validation.annotation.Validated;

/**
 * Local task storage.
 *
 * @param dir where task data and metadata live (application.yml sets {@code ./.damselfly/peer-<port>})
 * @param capacity bytes of task data this daemon may keep (default 10 GB)
 * @param taskTtl an unpinned task not touched for this long is evicted (default 24 h)
 * @param evictionThresholdPercent usage of the capacity above which least-recently-used unpinned tasks
 * are evicted to make room; kept below the disk-space health threshold so a full cache never turns the
 * node DOWN (default 80)
 * @param evictionInterval how often the TTL sweep runs (default 1 min)
 * @param metadataFlushInterval how often dirty task metadata is fsynced and saved (default 1 s)
 */
@Validated
@ConfigurationProperties("damselfly.storage")
public record StorageProperties(@DefaultValue(".damselfly/peer") Path dir, @DefaultValue("10GB") DataSize capacity,
		@DefaultValue("24h") Duration taskTtl, @DefaultValue("80") @Min(1) @Max(100) int evictionThresholdPercent,
		@DefaultValue("1m") Duration evictionInterval, @DefaultValue("1s") Duration metadataFlushInterval) {
}
