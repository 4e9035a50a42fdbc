package io.damselfly.scheduler.state;

import java.util.List;

import io.damselfly.common.schedule.DecisionType;

/**
 * A decision to record.
 *
 * @param taskId task
 * @param peerId peer
 * @param type the decision
 * @param parents parent peer ids (PARENTS)
 * @param requesterIsSeed whether the peer runs on a seed host (a seed at the origin becomes servable)
 * @param attemptJson the attempt's explanation, JSON
 * @param explanationLimit how many attempts to keep
 * @param peerTtlSeconds peer TTL
 * @param nowMillis now
 */
public record DecisionRecord(String taskId, String peerId, DecisionType type, List<String> parents,
		boolean requesterIsSeed, String attemptJson, int explanationLimit, long peerTtlSeconds, long nowMillis) {
}
