package io.damselfly.common.host;

/** Health as a host reports it about itself. DOWN hosts are never chosen as parents. */
public enum HealthStatus {

	UP,

	/** Working but impaired (e.g. slow disk): admitted only by the relaxation ladder. */
	DEGRADED,

	DOWN

}
