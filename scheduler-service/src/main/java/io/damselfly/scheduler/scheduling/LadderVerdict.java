package io.damselfly.scheduler.scheduling;

import io.damselfly.common.schedule.DecisionType;
import io.damselfly.common.schedule.LadderStep;
import org.jspecify.annotations.Nullable;

/**
 * The answer of the ladder's upper rungs, when no parent was found.
 *
 * @param type WAIT, BACK_TO_SOURCE or FAIL
 * @param step the rung
 * @param reason why, in an operator's words (null for PARENTS)
 * @param retryAfterMillis when to ask again (WAIT), 0 otherwise
 * @param metricReason low-cardinality reason for {@code damselfly_scheduler_back_to_source_total}
 */
public record LadderVerdict(DecisionType type, LadderStep step, @Nullable String reason, long retryAfterMillis,
		String metricReason) {
}
