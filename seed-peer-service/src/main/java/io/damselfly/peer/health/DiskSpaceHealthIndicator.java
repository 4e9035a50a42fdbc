package io.damselfly.peer.health;

import java.io.IOException;
import java.nio.file.FileStore;
import java.nio.file.Files;
import java.nio.file.Path;
import io.damselfly.peer.storage.TaskStore;
import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

import org.springframework.boot.health.contributor.AbstractReactiveHealthIndicator;
import org.springframework.boot.health.contributor.Health;

/**
 * Disk space of the task storage (docs/architecture.md#failure-detection-and-ejection): the usage of the volume, or of the configured storage
 * capacity (bytes the stored tasks take ÷ {@code damselfly.storage.capacity}), whichever is higher, at or
 * above the threshold (85% by default) is DOWN, with a {@code reason} detail such as
 * {@code used 91% > 85% (storage capacity)}. Registered as {@code diskSpace}, replacing Boot's indicator
 * for the working directory.
 */
public class DiskSpaceHealthIndicator extends AbstractReactiveHealthIndicator {

	private final Path dir;

	private final TaskStore store;

	private final HealthProperties properties;

	/**
	 * One reading, judged.
	 *
	 * @param usedPercent the higher of the two usages, uncapped (a capacity lowered below what is stored
	 * reads over 100)
	 * @param volumePercent usage of the volume
	 * @param capacityPercent usage of the configured capacity
	 * @param reason why it is DOWN, or null when UP
	 */
	record Usage(double usedPercent, double volumePercent, double capacityPercent, @Nullable String reason) {

		boolean down() {
			return reason != null;
		}

	}

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
		long usable = volume.getUsableSpace();
		long stored = store.usedBytes();
		long capacity = store.capacityBytes();
		int threshold = properties.diskThresholdPercent();
		Usage usage = assess(volume.getTotalSpace(), volume.getUnallocatedSpace(), usable, stored, capacity, threshold);
		builder.withDetail("usedPercent", round(Math.min(100, usage.usedPercent())))
			.withDetail("volumeUsedPercent", round(usage.volumePercent()))
			.withDetail("capacityUsedPercent", round(usage.capacityPercent()))
			.withDetail("thresholdPercent", threshold)
			.withDetail("free", usable)
			.withDetail("stored", stored)
			.withDetail("capacity", capacity)
			.withDetail("path", dir.toString());
		return usage.down() ? builder.down().withDetail("reason", usage.reason()).build() : builder.up().build();
	}

	/**
	 * Judges one reading. The volume's usage is {@code df}'s {@code Use%}: used ÷ (used + available), where
	 * used is what is allocated and available is what this process may still write. Space reserved for
	 * root counts neither way, so a volume with a large reserve reads as {@code df} shows it, not as
	 * fuller (reading {@code (total - usable) ÷ total} called a 68%-full volume with a big reserve 87%
	 * full and ejected every node on it).
	 */
	static Usage assess(long volumeTotal, long volumeUnallocated, long volumeUsable, long stored, long capacity,
			int thresholdPercent) {
		long allocated = Math.max(0, volumeTotal - volumeUnallocated);
		long usable = Math.max(0, Math.min(volumeUsable, volumeUnallocated));
		double volumePercent = (allocated + usable > 0) ? 100.0 * allocated / (allocated + usable) : 0;
		double capacityPercent = 100.0 * stored / Math.max(1, capacity);
		double used = Math.max(volumePercent, capacityPercent);
		if (used < thresholdPercent) {
			return new Usage(used, volumePercent, capacityPercent, null);
		}
		String which = (capacityPercent >= volumePercent)
				? "storage capacity " + Thresholds.bytes(stored) + " of " + Thresholds.bytes(capacity) : "volume";
		return new Usage(used, volumePercent, capacityPercent,
				"used " + Thresholds.exceeded(used, thresholdPercent) + " (" + which + ")");
	}

	private static double round(double value) {
		return Math.round(value * 10) / 10.0;
	}

}
