package io.damselfly.peer.health;

import java.util.LinkedHashMap;
import java.util.Map;

import io.damselfly.common.host.HealthSnapshot;
import io.damselfly.common.host.HealthStatus;
import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Mono;

import org.springframework.boot.availability.ApplicationAvailability;
import org.springframework.boot.availability.ReadinessState;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.Status;

/**
 * The daemon's view of its own readiness: the disk space and disk I/O indicators, the write-failure
 * latch and the application's readiness state. Keeps the last snapshot so that a piece request can ask
 * "am I DOWN?" without running a probe, and announces send it to schedulers.
 */
public class PeerHealth {

	private final DiskSpaceHealthIndicator diskSpace;

	private final DiskIoHealthIndicator diskIo;

	private final WriteFailureLatch latch;

	private final ApplicationAvailability availability;

	private volatile HealthSnapshot current = HealthSnapshot.up();

	public PeerHealth(DiskSpaceHealthIndicator diskSpace, DiskIoHealthIndicator diskIo, WriteFailureLatch latch,
			ApplicationAvailability availability) {
		this.diskSpace = diskSpace;
		this.diskIo = diskIo;
		this.latch = latch;
		this.availability = availability;
	}

	/** Re-evaluates the indicators and remembers the snapshot. */
	public Mono<HealthSnapshot> refresh() {
		return Mono.zip(diskSpace.health(), diskIo.health()).map((t) -> {
			HealthSnapshot snapshot = combine(t.getT1(), t.getT2(), availability.getReadinessState(), latch.reason());
			current = snapshot;
			return snapshot;
		});
	}

	/** The last snapshot, with the latch and readiness applied at once. */
	public HealthSnapshot current() {
		String latched = latch.reason();
		if (latched != null) {
			return new HealthSnapshot(HealthStatus.DOWN, current.diskUsedPercent(), "diskIo: " + latched,
					current.details());
		}
		if (availability.getReadinessState() == ReadinessState.REFUSING_TRAFFIC) {
			return new HealthSnapshot(HealthStatus.DOWN, current.diskUsedPercent(), "readinessState: refusing traffic",
					current.details());
		}
		return current;
	}

	public boolean isDown() {
		return current().status() == HealthStatus.DOWN;
	}

	static HealthSnapshot combine(Health space, Health io, ReadinessState readiness, @Nullable String latched) {
		Map<String, String> details = new LinkedHashMap<>();
		details.put("diskSpace", space.getStatus().getCode());
		details.put("diskIo", io.getStatus().getCode());
		details.put("readinessState", (readiness == ReadinessState.ACCEPTING_TRAFFIC) ? "UP" : "OUT_OF_SERVICE");
		Double used = (space.getDetails().get("usedPercent") instanceof Number n) ? n.doubleValue() : null;
		String reason = null;
		if (Status.DOWN.equals(space.getStatus())) {
			reason = "diskSpace: " + space.getDetails().getOrDefault("reason", "DOWN");
		}
		else if (Status.DOWN.equals(io.getStatus())) {
			reason = "diskIo: " + io.getDetails().getOrDefault("reason", "DOWN");
		}
		else if (latched != null) {
			reason = "diskIo: " + latched;
		}
		else if (readiness != ReadinessState.ACCEPTING_TRAFFIC) {
			reason = "readinessState: refusing traffic";
		}
		HealthStatus status = (reason != null) ? HealthStatus.DOWN : HealthStatus.UP;
		return new HealthSnapshot(status, used, reason, details);
	}

}
