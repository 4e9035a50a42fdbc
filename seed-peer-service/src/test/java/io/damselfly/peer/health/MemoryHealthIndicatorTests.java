package io.damselfly.peer.health;

import java.time.Duration;

import io.damselfly.peer.health.MemoryHealthIndicator.HeapReading;
import org.junit.jupiter.api.Test;
import reactor.test.StepVerifier;

import org.springframework.boot.health.contributor.Status;

import static org.assertj.core.api.Assertions.assertThat;

class MemoryHealthIndicatorTests {

	static final long MB = 1024 * 1024;

	static HealthProperties memoryThreshold(int percent) {
		return new HealthProperties(85, Duration.ofSeconds(2), Duration.ofMillis(500), 2, percent,
				Duration.ofSeconds(1));
	}

	@Test
	void heapLiveAfterGcOverTheThresholdIsDownWithAReason() {
		MemoryHealthIndicator indicator = new MemoryHealthIndicator(() -> new HeapReading(492 * MB, 500 * MB, 512 * MB),
				memoryThreshold(95));
		StepVerifier.create(indicator.health()).assertNext((health) -> {
			assertThat(health.getStatus()).isEqualTo(Status.DOWN);
			assertThat(health.getDetails()).containsEntry("reason", "heap used after GC 96% > 95% (492.0 MB of 512.0 MB)")
				.containsEntry("heapUsedAfterGcPercent", 96.1).containsEntry("thresholdPercent", 95);
		}).expectComplete().verify(Duration.ofSeconds(5));
	}

	@Test
	void garbageAwaitingCollectionDoesNotCountAsPressure() {
		MemoryHealthIndicator indicator = new MemoryHealthIndicator(() -> new HeapReading(100 * MB, 510 * MB, 512 * MB),
				memoryThreshold(95));
		StepVerifier.create(indicator.health())
			.assertNext((health) -> assertThat(health.getStatus()).isEqualTo(Status.UP))
			.expectComplete()
			.verify(Duration.ofSeconds(5));
	}

	@Test
	void theThresholdIsConfigurable() {
		assertThat(MemoryHealthIndicator.reason(new HeapReading(60 * MB, 60 * MB, 100 * MB), 60))
			.isEqualTo("heap used after GC 60% >= 60% (60.0 MB of 100.0 MB)");
		assertThat(MemoryHealthIndicator.reason(new HeapReading(59 * MB, 60 * MB, 100 * MB), 60)).isNull();
	}

	@Test
	void theJvmReaderReportsThisHeap() {
		HeapReading heap = MemoryHealthIndicator.HeapReader.jvm().read();
		assertThat(heap.max()).isPositive();
		assertThat(heap.used()).isPositive().isLessThanOrEqualTo(heap.max());
		assertThat(heap.usedAfterGc()).isNotNegative().isLessThanOrEqualTo(heap.max());
	}

}
