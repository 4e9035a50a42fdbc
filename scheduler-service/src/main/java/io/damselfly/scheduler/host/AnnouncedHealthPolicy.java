package io.damselfly.scheduler.host;

import java.util.Locale;

import io.damselfly.common.host.HealthSnapshot;
import org.jspecify.annotations.Nullable;

/**
 * Judges a host by the health snapshot it announced: DOWN is never a parent, DEGRADED is on probation
 * (admitted only by the relaxation ladder), UP is healthy.
 */
public final class AnnouncedHealthPolicy implements HostEjectionPolicy {

	@Override
	public HostVerdict judge(HostRecord host, HostStats stats, HostBreaker breaker, @Nullable String requesterPeerId) {
		HealthSnapshot health = host.announce().health();
		return switch (health.status()) {
			case UP -> HostVerdict.HEALTHY;
			case DEGRADED -> new HostVerdict(HostCondition.PROBATION, reason(health, "DEGRADED"), HostVerdict.NOT_TRACKED);
			case DOWN -> new HostVerdict(HostCondition.DOWN, reason(health, "DOWN"), HostVerdict.NOT_TRACKED);
		};
	}

	private static String reason(HealthSnapshot health, String status) {
		String reason = health.reason();
		if (reason != null && !reason.isBlank()) {
			return reason;
		}
		if (health.diskUsedPercent() != null) {
			return String.format(Locale.ROOT, "%s (disk used %.0f%%)", status, health.diskUsedPercent());
		}
		return "host reported " + status;
	}

}
