package io.damselfly.scheduler.host;

import java.time.Clock;
import java.util.List;

import org.jspecify.annotations.Nullable;

/**
 * Judges a host by its shared breaker: OPEN is ejected, HALF_OPEN is on probation for a few children
 * at a time (ejected for the others), CLOSED is healthy. The verdict always names the state, for
 * explanations and {@code GET /api/v1/hosts/{hostId}}.
 */
public final class BreakerPolicy implements HostEjectionPolicy {

	private static final HostVerdict CLOSED = new HostVerdict(HostCondition.HEALTHY, null,
			HostBreaker.State.CLOSED.name());

	private final HostBreakerProperties settings;

	private final Clock clock;

	public BreakerPolicy(HostBreakerProperties settings, Clock clock) {
		this.settings = settings;
		this.clock = clock;
	}

	@Override
	public HostVerdict judge(HostRecord host, HostStats stats, HostBreaker breaker, @Nullable String requesterPeerId) {
		long now = clock.millis();
		HostBreaker.State state = breaker.state(now);
		return switch (state) {
			case CLOSED -> CLOSED;
			case OPEN -> new HostVerdict(HostCondition.EJECTED, "host breaker open: " + breaker.reason(), state.name());
			case HALF_OPEN -> halfOpen(breaker, now, requesterPeerId);
		};
	}

	private HostVerdict halfOpen(HostBreaker breaker, long now, @Nullable String requesterPeerId) {
		List<String> trying = breaker.childrenTrying(now, settings.probationTimeout().toMillis());
		String name = HostBreaker.State.HALF_OPEN.name();
		if (trying.size() >= settings.halfOpenPermits()
				&& (requesterPeerId == null || !trying.contains(requesterPeerId))) {
			return new HostVerdict(HostCondition.EJECTED, "host on probation (half-open), " + trying.size()
					+ ((trying.size() == 1) ? " child" : " children") + " already trying it", name);
		}
		return new HostVerdict(HostCondition.PROBATION, "host on probation (half-open), " + trying.size() + " of "
				+ settings.halfOpenPermits() + " children trying it; opened for " + breaker.reason(), name);
	}

}
