package io.damselfly.peer.health;

import java.io.IOException;
import java.nio.file.FileStore;
import java.nio.file.Files;
import java.nio.file.Path;

import io.damselfly.peer.config.HealthProperties;
import io.damselfly.peer.storage.TaskStore;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

import org.springframework.boot.health.contributor.AbstractReactiveHealthIndicator;
import org.springframework.boot.health.contributor.Health;

/**
 * Disk space of the task storage (DESIGN §5): the usage of the volume, or of the configured capacity,
 * whichever is higher, at or above the threshold (85% by default) is DOWN. Registered as
 * {@code diskSpace}, replacing Boot's indicator for the working directory.
 */
public class DiskSpaceHealthIndicator extends AbstractReactiveHealthIndicator {

	private final Path dir;

	private final TaskStore store;

	private final HealthProperties properties;

	public DiskSpaceHealthIndicator(Path dir, TaskStore store, HealthProperties properties) {
		super("disk space check failed");
		this.dir = dir;
		this.store = store;
		this.properties = properties;
	}

	@Override
	protected Mono<Health> doHealthCheck(Health.Builder builder) {
		return Mono.fromCallable(() -> check(builder)).subscribeOn(Schedulers.boundedElastic());
	}

	private Health check(Health.Builder builder) throws IOException {
		FileStore volume = Files.getFileStore(dir);
		long total = volume.getTotalSpace();
		long usable = volume.getUsableSpace();
		double volumePercent = (total > 0) ? 100.0 * (total - usable) / total : 0;
		double capacityPercent = 100.0 * store.usedBytes() / Math.max(1, store.capacityBytes());
		double used = Math.min(100, Math.max(volumePercent, capacityPercent));
		int threshold = properties.diskThresholdPercent();
		builder.withDetail("usedPercent", round(used))
			.withDetail("volumeUsedPercent", round(volumePercent))
			.withDetail("capacityUsedPercent", round(capacityPercent))
			.withDetail("thresholdPercent", threshold)
			.withDetail("free", usable)
			.withDetail("capacity", store.capacityBytes())
			.withDetail("path", dir.toString());
		if (used >= threshold) {
			String which = (capacityPercent >= volumePercent) ? "of capacity" : "of volume";
			builder.down().withDetail("reason",
					"used " + Math.round(Math.floor(used)) + "% " + which + " >= " + threshold + "%");
		}
		else {
			builder.up();
		}
		return builder.build();
	}

	private static double round(double value) {
		return Math.round(value * 10) / 10.0;
	}

}
