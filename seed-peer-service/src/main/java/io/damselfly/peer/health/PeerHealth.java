package io.damselfly.peer.health;

import java.util.LinkedHashMap;
import java.util.Map;

import io.damselfly.common.host.HealthSnapshot;
import io.damselfly.common.host.HealthStatus;
import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

import org.springframework.boot.availability.ApplicationAvailability;
import org.springframework.boot.availability.ReadinessState;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.ReactiveHealthIndicator;
import org.springframework.boot.health.contributor.Status;

/**
 * The daemon's view of its own readiness: the disk space, disk I/O and memory indicators, the
 * write-failure latch and the application's readiness state. Keeps the last snapshot so that a piece
 * request can ask "am I DOWN?" without running a probe, and announces send it to schedulers. The
 * snapshot's reason reads like the manager's, {@code <component>: <details.reason>}.
 */
public class PeerHealth {

	public static final String DISK_SPACE = "diskSpace";

	public static final String DISK_IO = "diskIo";

	public static final String MEMORY = "memory";

	private final Map<String, ReactiveHealthIndicator> indicators;

	private final WriteFailureLatch latch;

	private final ApplicationAvailability availability;

	private volatile HealthSnapshot current = HealthSnapshot.up();

	public PeerHealth(DiskSpaceHealthIndicator diskSpace, DiskIoHealthIndicator diskIo, MemoryHealthIndicator memory,
			WriteFailureLatch latch, ApplicationAvailability availability) {
		Map<String, ReactiveHealthIndicator> ordered = new LinkedHashMap<>();
		ordered.put(DISK_SPACE, diskSpace);
		ordered.put(DISK_IO, diskIo);
		ordered.put(MEMORY, memory);
		this.indicators = ordered;
		this.latch = latch;
		this.availability = availability;
	}

	/** Re-evaluates the indicators and remembers the snapshot. */
	public Mono<HealthSnapshot> refresh() {
		return Flux.fromIterable(indicators.entrySet())
			.concatMap((e) -> e.getValue().health().map((h) -> Map.entry(e.getKey(), h)))
			.collectList()
			.map((healths) -> {
				Map<String, Health> byName = new LinkedHashMap<>();
				healths.forEach((e) -> byName.put(e.getKey(), e.getValue()));
				// Only the indicators are remembered: the latch and the readiness state are applied live by
				// current(), so a snapshot taken while the application was still starting (refusing traffic)
				// does not keep the node DOWN after it is ready, until the next refresh.
				current = combine(byName, ReadinessState.ACCEPTING_TRAFFIC, null);
				return current();
			});
	}

	/** The last snapshot, with the latch and readiness applied at once. */
	public HealthSnapshot current() {
		String latched = latch.reason();
		if (latched != null) {
			return new HealthSnapshot(HealthStatus.DOWN, current.diskUsedPercent(), DISK_IO + ": " + latched,
					current.details());
		}
		if (availability.getReadinessState() != ReadinessState.ACCEPTING_TRAFFIC) {
			Map<String, String> details = (current.details() != null) ? new LinkedHashMap<>(current.details())
					: new LinkedHashMap<>();
			details.put("readinessState", "OUT_OF_SERVICE");
			String reason = (current.reason() != null) ? current.reason() : "readinessState: refusing traffic";
			return new HealthSnapshot(HealthStatus.DOWN, current.diskUsedPercent(), reason, details);
		}
		return current;
	}

	public boolean isDown() {
		return current().status() == HealthStatus.DOWN;
	}

	/** The first DOWN indicator (in the order disk space, disk I/O, memory) gives the reason. */
	static HealthSnapshot combine(Map<String, Health> healths, ReadinessState readiness, @Nullable String latched) {
		Map<String, String> details = new LinkedHashMap<>();
		healths.forEach((name, health) -> details.put(name, health.getStatus().getCode()));
		details.put("readinessState", (readiness == ReadinessState.ACCEPTING_TRAFFIC) ? "UP" : "OUT_OF_SERVICE");
		Health space = healths.get(DISK_SPACE);
		Double used = (space != null && space.getDetails().get("usedPercent") instanceof Number n) ? n.doubleValue()
				: null;
		String reason = null;
		for (Map.Entry<String, Health> e : healths.entrySet()) {
			if (Status.DOWN.equals(e.getValue().getStatus())) {
				reason = e.getKey() + ": " + e.getValue().getDetails().getOrDefault("reason", "DOWN");
				break;
			}
		}
		if (reason == null && latched != null) {
			reason = DISK_IO + ": " + latched;
		}
		if (reason == null && readiness != ReadinessState.ACCEPTING_TRAFFIC) {
			reason = "readinessState: refusing traffic";
		}
		HealthStatus status = (reason != null) ? HealthStatus.DOWN : HealthStatus.UP;
		return new HealthSnapshot(status, used, reason, details);
	}

}
