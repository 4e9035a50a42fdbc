package io.damselfly.scheduler.scheduling;

import java.util.List;
import java.util.Map;
import java.util.StringJoiner;

import io.damselfly.common.schedule.FilterReason;
import io.damselfly.common.schedule.LadderStep;
import io.damselfly.common.schedule.ScheduleAttempt.ScoredCandidate;

/**
 * The outcome of filtering and scoring one round.
 *
 * @param parents the chosen parents, best first, empty when none survived any rung
 * @param step the rung that produced them ({@link LadderStep#NONE} also when there are none)
 * @param filtered count per reason, over every sampled candidate
 * @param rejections per rejected candidate, {@code reason: detail}
 * @param scores every admitted candidate with its score, best first
 * @param sampled how many candidates were sampled
 */
public record Ranking(List<Ranked> parents, LadderStep step, Map<FilterReason, Integer> filtered,
		Map<String, String> rejections, List<ScoredCandidate> scores, int sampled) {

	public boolean hasParents() {
		return !parents.isEmpty();
	}

	/** {@code sampled=2: self=1, host_down=1} — what an operator needs to see why nothing was kept. */
	public String summary(int servable) {
		StringJoiner reasons = new StringJoiner(", ");
		filtered.forEach((reason, count) -> {
			if (count > 0) {
				reasons.add(reason.tag() + "=" + count);
			}
		});
		return "servable=" + servable + " sampled=" + sampled + ((reasons.length() > 0) ? ": " + reasons : "");
	}

	/**
	 * A chosen parent.
	 *
	 * @param candidate the candidate
	 * @param score its score
	 */
	public record Ranked(Candidate candidate, Evaluator.Score score) {
	}

}
