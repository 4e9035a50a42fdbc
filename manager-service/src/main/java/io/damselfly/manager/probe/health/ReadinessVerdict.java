package io.damselfly.manager.probe.health;

import org.jspecify.annotations.Nullable;

/**
 * What one readiness answer means.
 *
 * @param ready whether the node is ready to serve
 * @param reason why it is not; null when ready
 */
public record ReadinessVerdict(boolean ready, @Nullable String reason) {

	public static final ReadinessVerdict READY = new ReadinessVerdict(true, null);

	public static ReadinessVerdict notReady(String reason) {
		return new ReadinessVerdict(false, reason);
	}

}
