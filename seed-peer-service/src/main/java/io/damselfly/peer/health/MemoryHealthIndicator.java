package io.damselfly.peer.health;

import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.lang.management.MemoryUsage;

import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Mono;

import org.springframework.boot.health.contributor.AbstractReactiveHealthIndicator;
import org.springframework.boot.health.contributor.Health;

/**
 * Memory pressure (docs/architecture.md#failure-detection-and-ejection): the heap still in use after the last garbage collection, as a share of
 * the maximum heap. At or above {@code damselfly.health.memory-threshold-percent} (95 by default) the
 * node is DOWN, with a {@code reason} such as {@code heap used after GC 96% > 95% (491.5 MB of 512.0 MB)}.
 * Live data after a collection is what a JVM short of memory cannot shed; the heap in use right now
 * also counts garbage and would flap with every allocation burst. Registered as {@code memory}.
 */
public class MemoryHealthIndicator extends AbstractReactiveHealthIndicator {

	private final HeapReader reader;

	private final HealthProperties properties;

	/**
	 * Heap figures.
	 *
	 * @param usedAfterGc bytes live after the last collection of each heap pool (a pool never
	 * collected counts what it holds now)
	 * @param used bytes in use now, garbage included
	 * @param max the maximum heap
	 */
	public record HeapReading(long usedAfterGc, long used, long max) {
	}

	/** Reads the heap; an interface so tests can simulate pressure without filling a real heap. */
	@FunctionalInterface
	public interface HeapReader {

		HeapReading read();

		/** This JVM's heap pools. */
		static HeapReader jvm() {
			return () -> {
				long afterGc = 0;
				long used = 0;
				for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
					if (pool.getType() != MemoryType.HEAP || !pool.isValid()) {
						continue;
					}
					MemoryUsage now = pool.getUsage();
					MemoryUsage collected = pool.getCollectionUsage();
					used += now.getUsed();
					afterGc += (collected != null) ? collected.getUsed() : now.getUsed();
				}
				long max = ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getMax();
				return new HeapReading(afterGc, used, (max > 0) ? max : Runtime.getRuntime().maxMemory());
			};
		}

	}

	public MemoryHealthIndicator(HeapReader reader, HealthProperties properties) {
		super("memory check failed");
		this.reader = reader;
		this.properties = properties;
	}

	@Override
	protected Mono<Health> doHealthCheck(Health.Builder builder) {
		return Mono.fromSupplier(() -> {
			HeapReading heap = reader.read();
			int threshold = properties.memoryThresholdPercent();
			double percent = percentAfterGc(heap);
			builder.withDetail("heapUsedAfterGcPercent", Math.round(percent * 10) / 10.0)
				.withDetail("heapUsedAfterGc", heap.usedAfterGc())
				.withDetail("heapUsed", heap.used())
				.withDetail("heapMax", heap.max())
				.withDetail("thresholdPercent", threshold);
			String reason = reason(heap, threshold);
			return (reason != null) ? builder.down().withDetail("reason", reason).build() : builder.up().build();
		});
	}

	static double percentAfterGc(HeapReading heap) {
		return 100.0 * heap.usedAfterGc() / Math.max(1, heap.max());
	}

	/** Why the heap is under pressure, or null when it is not. */
	static @Nullable String reason(HeapReading heap, int thresholdPercent) {
		double percent = percentAfterGc(heap);
		if (percent < thresholdPercent) {
			return null;
		}
		return "heap used after GC " + Thresholds.exceeded(percent, thresholdPercent) + " ("
				+ Thresholds.bytes(heap.usedAfterGc()) + " of " + Thresholds.bytes(heap.max()) + ")";
	}

}
