package io.damselfly.scheduler.api;

import java.time.Instant;
import java.util.List;
import java.util.Map;

import io.damselfly.common.host.HealthSnapshot;
import io.damselfly.common.host.HostAnnounce;
import io.damselfly.scheduler.host.HostCondition;
import org.jspecify.annotations.Nullable;

/**
 * {@code GET /api/v1/hosts/{hostId}}: the stored announce and how the scheduler judges the host, for
 * status pages and drills.
 *
 * @param announce the last announce
 * @param health the health it announced, also at the top level where {@code damselfly status} reads it
 * @param announcedAt when it arrived
 * @param ttlSeconds how long the scheduler keeps the host without a new announce
 * @param condition how the host may be used as a parent
 * @param reason why, when not healthy (e.g. {@code host breaker open: 7 of 10 recent pieces failed
 * (digest_mismatch=5, timeout=2)} or {@code manager: diskSpace: used 91% > 85%})
 * @param breakerState the host's shared breaker state: {@code CLOSED}, {@code OPEN} or {@code HALF_OPEN}
 * @param breaker the same, under the name {@code damselfly status} prints ({@code breaker=OPEN})
 * @param breakerDetail the breaker's window, reason and probation
 * @param managerState the state the manager lists the host's seed node in, null when it lists none
 * @param stats what children reported about pieces fetched from it
 */
public record HostView(HostAnnounce announce, HealthSnapshot health, Instant announcedAt, long ttlSeconds, HostCondition condition,
		@Nullable String reason, String breakerState, String breaker, BreakerDetail breakerDetail,
		@Nullable String managerState, Stats stats) {

	/**
	 * @param reason why it opened, null when closed
	 * @param openedAt when it last opened, null when closed
	 * @param probationFrom when probation starts (or started), null when closed
	 * @param childrenTrying children holding a probation grant now
	 * @param recentPieces outcomes in the window (frozen while open)
	 * @param recentFailures failures among them
	 * @param recentFailuresByKind failures by kind, most frequent first
	 */
	public record BreakerDetail(@Nullable String reason, @Nullable Instant openedAt, @Nullable Instant probationFrom,
			List<String> childrenTrying, int recentPieces, int recentFailures, Map<String, Integer> recentFailuresByKind) {
	}

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
