package io.damselfly.peer.health;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;

import io.damselfly.common.host.HealthSnapshot;
import io.damselfly.common.host.HealthStatus;
import io.damselfly.peer.storage.StorageProperties;
import io.damselfly.peer.health.MemoryHealthIndicator.HeapReading;
import io.damselfly.peer.storage.DataFile;
import io.damselfly.peer.storage.FileTaskStore;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.boot.availability.ApplicationAvailabilityBean;
import org.springframework.boot.availability.AvailabilityChangeEvent;
import org.springframework.boot.availability.ReadinessState;
import org.springframework.util.unit.DataSize;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The readiness state is applied live, not frozen into the remembered snapshot: a snapshot taken while
 * the daemon was still starting must not keep it refusing pieces (503) once it is ready. Two daemons
 * started back to back in a test hit exactly that for up to one snapshot interval.
 */
class PeerHealthReadinessTests {

	private static final long MB = 1024 * 1024;

	@TempDir
	Path dir;

	@Test
	void aSnapshotTakenBeforeReadyDoesNotOutliveTheRefusingState() {
		HealthProperties props = new HealthProperties(85, Duration.ofSeconds(2), Duration.ofMillis(500), 2, 95,
				Duration.ofSeconds(1));
		FileTaskStore store = new FileTaskStore(
				new StorageProperties(dir, DataSize.ofGigabytes(1), Duration.ofHours(1), 80, Duration.ofMinutes(1),
						Duration.ofSeconds(1)),
				JsonMapper.builder().build(), DataFile::open, (ex) -> {
				}, Clock.systemUTC());
		WriteFailureLatch latch = new WriteFailureLatch();
		ApplicationAvailabilityBean availability = new ApplicationAvailabilityBean();
		availability.onApplicationEvent(new AvailabilityChangeEvent<>(this, ReadinessState.REFUSING_TRAFFIC));
		PeerHealth health = new PeerHealth(new DiskSpaceHealthIndicator(store.tasksDir(), store, props),
				new DiskIoHealthIndicator(dir, props, latch),
				new MemoryHealthIndicator(() -> new HeapReading(10 * MB, 20 * MB, 512 * MB), props), latch, availability);

		HealthSnapshot starting = health.refresh().block(Duration.ofSeconds(10));
		assertThat(starting).isNotNull();
		assertThat(starting.status()).isEqualTo(HealthStatus.DOWN);
		assertThat(starting.reason()).isEqualTo("readinessState: refusing traffic");
		assertThat(starting.details()).containsEntry("readinessState", "OUT_OF_SERVICE");

		availability.onApplicationEvent(new AvailabilityChangeEvent<>(this, ReadinessState.ACCEPTING_TRAFFIC));
		assertThat(health.isDown()).as("ready now, without waiting for the next refresh").isFalse();
		assertThat(health.current().details()).containsEntry("readinessState", "UP");
	}

}
