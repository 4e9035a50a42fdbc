package io.damselfly.common.schedule;

import java.time.Instant;
import java.util.List;
import java.util.Map;

import org.jspecify.annotations.Nullable;

/**
 * The explanation of one scheduling attempt, kept in Redis (bounded, with a TTL) and served at
 * {@code GET /api/v1/peers/{peerId}/schedule}.
 *
 * @param attempt attempt number for this peer
 * @param at when it ran
 * @param schedulerId which scheduler instance decided
 * @param servable how many servable peers the task had
 * @param sampled candidate peer ids sampled
 * @param filtered count per filter reason (label of {@link FilterReason#tag()})
 * @param rejections per rejected candidate: peer id to reason and detail, e.g.
 * {@code "peer-7" -> "ejected: diskSpace: used 91% > 85%"}
 * @param scores surviving candidates and their scores, best first
 * @param ladderStep the relaxation step used
 * @param decision the final answer
 * @param reason the answer's reason
 * @param durationMicros how long the attempt took
 */
public record ScheduleAttempt(int attempt, Instant at, String schedulerId, int servable, List<String> sampled,
		Map<String, Integer> filtered, Map<String, String> rejections, List<ScoredCandidate> scores,
		LadderStep ladderStep, DecisionType decision, @Nullable String reason, long durationMicros) {

	/**
	 * A candidate that survived filtering.
	 *
	 * @param peerId candidate peer
	 * @param hostId its host
	 * @param score total score
	 * @param parts score per component (pieceCompleteness, uploadSuccessRate, ...)
	 */
	public record ScoredCandidate(String peerId, String hostId, double score, Map<String, Double> parts) {
	}

}
