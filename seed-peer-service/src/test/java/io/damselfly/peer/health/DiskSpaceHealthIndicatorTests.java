package io.damselfly.peer.health;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;

import io.damselfly.peer.storage.StorageProperties;
import io.damselfly.peer.storage.DataFile;
import io.damselfly.peer.storage.FileTaskStore;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import reactor.test.StepVerifier;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.boot.health.contributor.Status;
import org.springframework.util.unit.DataSize;

import static org.assertj.core.api.Assertions.assertThat;

class DiskSpaceHealthIndicatorTests {

	static final long MB = 1024 * 1024;

	@TempDir
	Path dir;

	static HealthProperties thresholds(int diskPercent) {
		return new HealthProperties(diskPercent, Duration.ofSeconds(2), Duration.ofMillis(500), 2, 95,
				Duration.ofSeconds(1));
	}

	@Test
	void storageOverItsConfiguredCapacityIsDownEvenOnAnEmptyVolume() {
		DiskSpaceHealthIndicator.Usage usage = DiskSpaceHealthIndicator.assess(1000 * MB, 900 * MB, 900 * MB, 955 * 1024,
				MB, 85);
		assertThat(usage.down()).isTrue();
		assertThat(usage.reason()).isEqualTo("used 93% > 85% (storage capacity 955.0 KB of 1.0 MB)");
		assertThat(usage.volumePercent()).isEqualTo(10.0);
	}

	@Test
	void aFullVolumeIsDownEvenWhenTheCapacityIsAlmostUnused() {
		DiskSpaceHealthIndicator.Usage usage = DiskSpaceHealthIndicator.assess(100 * MB, 8 * MB, 8 * MB, MB, 1000 * MB, 85);
		assertThat(usage.reason()).isEqualTo("used 92% > 85% (volume)");
	}

	@Test
	void theHigherUsageCountsAndExactlyAtTheThresholdIsDown() {
		assertThat(DiskSpaceHealthIndicator.assess(100, 16, 16, 0, 100, 85).reason()).isNull();
		assertThat(DiskSpaceHealthIndicator.assess(100, 15, 15, 0, 100, 85).reason()).isEqualTo("used 85% >= 85% (volume)");
		assertThat(DiskSpaceHealthIndicator.assess(1000, 146, 146, 0, 100, 85).reason())
			.isEqualTo("used 85.4% > 85% (volume)");
	}

	@Test
	void aVolumeWithALargeRootReserveReadsAsDfShowsIt() {
		// This build machine's volume: 252 GB, 69 GB used, 33 GB available (150 GB reserved): df says 68%.
		long gb = 1000 * MB;
		DiskSpaceHealthIndicator.Usage roomy = DiskSpaceHealthIndicator.assess(252 * gb, 183 * gb, 33 * gb, 0, gb, 85);
		assertThat(roomy.down()).isFalse();
		assertThat(Math.round(roomy.volumePercent())).isEqualTo(68);
		// The same volume with 115 GB used and 10 GB left for us: 92% as df shows it, DOWN.
		DiskSpaceHealthIndicator.Usage full = DiskSpaceHealthIndicator.assess(252 * gb, 137 * gb, 10 * gb, 0, gb, 85);
		assertThat(full.reason()).isEqualTo("used 92% > 85% (volume)");
	}

	@Test
	void aCapacityLoweredBelowWhatIsStoredReadsOverOneHundredPercent() {
		DiskSpaceHealthIndicator.Usage usage = DiskSpaceHealthIndicator.assess(1000 * MB, 900 * MB, 900 * MB, 2 * MB, MB, 85);
		assertThat(usage.usedPercent()).isEqualTo(200.0);
		assertThat(usage.reason()).isEqualTo("used 200% > 85% (storage capacity 2.0 MB of 1.0 MB)");
	}

	@Test
	void healthCarriesTheReasonAndCapsTheAnnouncedPercent() {
		FileTaskStore store = new FileTaskStore(
				new StorageProperties(dir, DataSize.ofKilobytes(1), Duration.ofHours(1), 80, Duration.ofMinutes(1),
						Duration.ofSeconds(1)),
				JsonMapper.builder().build(), DataFile::open, (ex) -> {
				}, Clock.systemUTC());
		String task = "7".repeat(64);
		store.pin(task);
		StepVerifier.create(store.setSizes(task, 1000, 1024)).expectComplete().verify(Duration.ofSeconds(5));
		DiskSpaceHealthIndicator indicator = new DiskSpaceHealthIndicator(store.tasksDir(), store, thresholds(85));
		StepVerifier.create(indicator.health()).assertNext((health) -> {
			assertThat(health.getStatus()).isEqualTo(Status.DOWN);
			assertThat(health.getDetails()).containsEntry("reason", "used 97% > 85% (storage capacity 1000 B of 1.0 KB)")
				.containsEntry("usedPercent", 97.7).containsEntry("stored", 1000L);
		}).expectComplete().verify(Duration.ofSeconds(5));
	}

}
