package io.damselfly.scheduler.host;

import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Mono;

/**
 * Decides whether a host may serve pieces (docs/architecture.md#scheduling step 2, "host ejected" and "host health DOWN").
 * Judging is pure and costs no round trip: the host's announce, statistics and shared breaker are read
 * with the scheduling round (one {@code MGET}), and what the manager says about nodes is kept in memory
 * and brought up to date by {@link #refresh()} before the round.
 * <p>
 * The scheduler combines three policies ({@link CombinedHostPolicy}): the manager's ejections
 * ({@link ManagerEjectionPolicy}), the health the host announced ({@link AnnouncedHealthPolicy}) and
 * the per-host breaker fed by the children's piece outcomes ({@link BreakerPolicy}).
 */
@FunctionalInterface
public interface HostEjectionPolicy {

	/**
	 * @param host the host's last announce
	 * @param stats what children reported about it
	 * @param breaker its shared breaker
	 * @param requesterPeerId the child asking for parents, null when judging for no one in particular
	 * (a half-open host may admit a child already trying it)
	 */
	HostVerdict judge(HostRecord host, HostStats stats, HostBreaker breaker, @Nullable String requesterPeerId);

	/** Brings what the policy knows from outside the round up to date; completes at once while fresh. */
	default Mono<Void> refresh() {
		return Mono.empty();
	}

}
