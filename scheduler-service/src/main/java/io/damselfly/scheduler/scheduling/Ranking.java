package io.damselfly.scheduler.scheduling;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.StringJoiner;

import io.damselfly.common.schedule.FilterReason;
import io.damselfly.common.schedule.LadderStep;
import io.damselfly.common.schedule.ScheduleAttempt.ScoredCandidate;
import org.jspecify.annotations.Nullable;

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
	 * This ranking without the candidates on some hosts, rejected after all: a half-open host whose
	 * probation grants ran out between reading and choosing. Their first rejection becomes
	 * {@code reason: detail}, so the counts still add up to one per rejected candidate.
	 *
	 * @param detailByHost host id → why its candidates are rejected
	 * @param reason the reason counted for them
	 */
	public Ranking withdraw(Map<String, String> detailByHost, FilterReason reason) {
		Map<FilterReason, Integer> counts = new EnumMap<>(FilterReason.class);
		counts.putAll(filtered);
		Map<String, String> rejected = new LinkedHashMap<>(rejections);
		List<ScoredCandidate> kept = new ArrayList<>(scores.size());
		for (ScoredCandidate scored : scores) {
			String detail = detailByHost.get(scored.hostId());
			if (detail == null) {
				kept.add(scored);
				continue;
			}
			FilterReason before = reasonOf(rejected.get(scored.peerId()));
			if (before != null) {
				counts.merge(before, -1, Integer::sum);
			}
			counts.merge(reason, 1, Integer::sum);
			rejected.put(scored.peerId(), reason.tag() + ": " + detail);
		}
		List<Ranked> chosen = new ArrayList<>(parents.size());
		for (Ranked parent : parents) {
			if (!detailByHost.containsKey(parent.candidate().hostId())) {
				chosen.add(parent);
			}
		}
		return new Ranking(List.copyOf(chosen), chosen.isEmpty() ? LadderStep.NONE : step, counts, rejected,
				List.copyOf(kept), sampled);
	}

	private static @Nullable FilterReason reasonOf(@Nullable String rejection) {
		if (rejection == null) {
			return null;
		}
		for (FilterReason reason : FilterReason.values()) {
			if (rejection.startsWith(reason.tag() + ": ")) {
				return reason;
			}
		}
		return null;
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
