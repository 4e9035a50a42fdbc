package io.damselfly.peer.health;

import java.util.LinkedHashMap;
import java.util.Map;

import io.damselfly.common.host.HealthSnapshot;
import io.damselfly.common.host.HealthStatus;
import org.junit.jupiter.api.Test;

import org.springframework.boot.availability.ReadinessState;
import org.springframework.boot.health.contributor.Health;

import static org.assertj.core.api.Assertions.assertThat;

class PeerHealthSnapshotTests {

	static Map<String, Health> healths(Health space, Health io, Health memory) {
		Map<String, Health> map = new LinkedHashMap<>();
		map.put(PeerHealth.DISK_SPACE, space);
		map.put(PeerHealth.DISK_IO, io);
		map.put(PeerHealth.MEMORY, memory);
		return map;
	}

	@Test
	void memoryPressureTurnsTheSnapshotDownWithTheManagersReasonShape() {
		HealthSnapshot snapshot = PeerHealth.combine(
				healths(Health.up().withDetail("usedPercent", 12.5).build(), Health.up().build(),
						Health.down().withDetail("reason", "heap used after GC 97% > 95% (497.0 MB of 512.0 MB)").build()),
				ReadinessState.ACCEPTING_TRAFFIC, null);
		assertThat(snapshot.status()).isEqualTo(HealthStatus.DOWN);
		assertThat(snapshot.reason()).isEqualTo("memory: heap used after GC 97% > 95% (497.0 MB of 512.0 MB)");
		assertThat(snapshot.diskUsedPercent()).isEqualTo(12.5);
		assertThat(snapshot.details()).containsEntry("memory", "DOWN").containsEntry("diskSpace", "UP")
			.containsEntry("diskIo", "UP").containsEntry("readinessState", "UP");
	}

	@Test
	void diskSpaceComesFirstAndTheLatchCountsWhenNoIndicatorSaysDown() {
		Health down = Health.down().withDetail("reason", "used 91% > 85% (volume)").build();
		assertThat(PeerHealth.combine(healths(down, Health.down().build(), Health.up().build()),
				ReadinessState.ACCEPTING_TRAFFIC, null).reason()).isEqualTo("diskSpace: used 91% > 85% (volume)");
		assertThat(PeerHealth.combine(healths(Health.up().build(), Health.up().build(), Health.up().build()),
				ReadinessState.ACCEPTING_TRAFFIC, "write failed: No space left on device").reason())
			.isEqualTo("diskIo: write failed: No space left on device");
		HealthSnapshot healthy = PeerHealth.combine(healths(Health.up().build(), Health.up().build(),
				Health.up().build()), ReadinessState.ACCEPTING_TRAFFIC, null);
		assertThat(healthy.status()).isEqualTo(HealthStatus.UP);
		assertThat(healthy.reason()).isNull();
	}

}
