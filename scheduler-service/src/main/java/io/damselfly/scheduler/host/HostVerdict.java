package io.damselfly.scheduler.host;

import org.jspecify.annotations.Nullable;

/**
 * A policy's judgement of one host.
 *
 * @param condition how the host may be used
 * @param reason why, in an operator's words (e.g. {@code diskSpace: used 91% > 85%}); null when healthy
 * @param breakerState the state of the host's shared breaker ({@code CLOSED}, {@code OPEN},
 * {@code HALF_OPEN}), or {@code NOT_TRACKED} when no policy tracks breakers
 */
public record HostVerdict(HostCondition condition, @Nullable String reason, String breakerState) {

	public static final String NOT_TRACKED = "NOT_TRACKED";

	public static final HostVerdict HEALTHY = new HostVerdict(HostCondition.HEALTHY, null, NOT_TRACKED);

}
