package io.damselfly.scheduler.host;

/** How a host may be used as a parent, as judged by a {@link HostEjectionPolicy}. */
public enum HostCondition {

	/** Use it. */
	HEALTHY,

	/**
	 * Impaired (DEGRADED, the manager is PROBING it, or a half-open breaker with a probation grant left):
	 * only the relaxation ladder's first step admits it.
	 */
	PROBATION,

	/** The host says it is DOWN (disk full, I/O failing): never a parent. */
	DOWN,

	/** The manager ejected it, its breaker is open, or enough children already try it on probation: never a parent. */
	EJECTED

}
