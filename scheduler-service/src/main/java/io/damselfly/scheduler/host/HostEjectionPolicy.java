package io.damselfly.scheduler.host;

/**
 * Decides whether a host may serve pieces (DESIGN §4 step 2, "host ejected" and "host health DOWN").
 * Implementations are pure: everything they look at is in the {@link HostRecord} and
 * {@link HostStats} read with the scheduling round, so judging costs no round trip.
 * <p>
 * The first implementation, {@link AnnouncedHealthPolicy}, reads the health the host announced. The
 * seam is here for the manager's ejections and the per-host breakers shared through Redis: a policy
 * that combines them returns {@link HostCondition#EJECTED} (filtered as {@code ejected}) or
 * {@link HostCondition#PROBATION} for a half-open breaker.
 */
@FunctionalInterface
public interface HostEjectionPolicy {

	HostVerdict judge(HostRecord host, HostStats stats);

}
