package io.damselfly.common.schedule;

import java.util.List;

import io.damselfly.common.task.TaskMeta;
import org.jspecify.annotations.Nullable;

/**
 * The scheduler's answer to a register or reschedule.
 *
 * @param type what to do
 * @param taskId the task
 * @param peerId the peer asked about
 * @param attempt the number of this scheduling attempt for the peer (1-based)
 * @param parents parents to download from (PARENTS only), best first
 * @param task sizes and recorded piece digests, as far as known
 * @param retryAfterMillis when to ask again (WAIT), jitter included
 * @param reason why (BACK_TO_SOURCE, FAIL, WAIT), in words an operator understands
 * @param ladderStep the relaxation step that produced the answer
 */
public record ScheduleDecision(DecisionType type, String taskId, String peerId, int attempt, List<ParentInfo> parents,
		TaskMeta task, long retryAfterMillis, @Nullable String reason, LadderStep ladderStep) {
}
