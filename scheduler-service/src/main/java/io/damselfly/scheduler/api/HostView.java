package io.damselfly.scheduler.api;

import java.time.Instant;

import io.damselfly.common.host.HostAnnounce;
import io.damselfly.scheduler.host.HostCondition;
import org.jspecify.annotations.Nullable;

/**
 * {@code GET /api/v1/hosts/{hostId}}: the stored announce and how the scheduler judges the host, for
 * status pages and drills.
 *
 * @param announce the last announce
 * @param announcedAt when it arrived
 * @param ttlSeconds how long the scheduler keeps the host without a new announce
 * @param condition how the host may be used as a parent
 * @param reason why, when not healthy
 * @param breakerState the host's shared breaker state ({@code NOT_TRACKED} until breakers are tracked)
 * @param stats what children reported about pieces fetched from it
 */
public record HostView(HostAnnounce announce, Instant announcedAt, long ttlSeconds, HostCondition condition,
		@Nullable String reason, String breakerState, Stats stats) {

	/**
	 * @param uploadOk pieces served and verified
	 * @param uploadFailed pieces that failed
	 * @param uploadSuccessRate share that succeeded
	 * @param costSamples earlier piece costs counted
	 * @param costMeanMillis their mean
	 * @param costStdDevMillis their standard deviation
	 * @param lastCostMillis the latest cost, -1 before any
	 * @param badNode whether the latest cost makes it a bad node
	 */
	public record Stats(long uploadOk, long uploadFailed, double uploadSuccessRate, long costSamples,
			double costMeanMillis, double costStdDevMillis, long lastCostMillis, boolean badNode) {
	}

}
