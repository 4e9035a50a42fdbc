package io.damselfly.scheduler.host;

/** How a host may be used as a parent, as judged by a {@link HostEjectionPolicy}. */
public enum HostCondition {

	/** Use it. */
	HEALTHY,

	/** Impaired (DEGRADED, or a half-open breaker): only the relaxation ladder's first step admits it. */
	PROBATION,

	/** The host says it is DOWN (disk full, I/O failing): never a parent. */
	DOWN,

	/** The manager ejected it, or its breaker is open: never a parent. */
	EJECTED

}
