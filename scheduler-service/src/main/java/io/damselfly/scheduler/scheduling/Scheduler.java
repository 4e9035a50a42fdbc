package io.damselfly.scheduler.scheduling;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.damselfly.common.cluster.ClusterConfig;
import io.damselfly.common.schedule.FilterReason;
import io.damselfly.common.schedule.LadderStep;
import io.damselfly.common.schedule.ScheduleAttempt.ScoredCandidate;
import io.damselfly.scheduler.host.HostEjectionPolicy;
import org.jspecify.annotations.Nullable;

/**
 * Filters and scores the sampled candidates of one round, climbing the admission rungs of the
 * {@link RelaxationLadder} (docs/architecture.md#scheduling steps 2-4) before giving up. Pure: no I/O,
 * no clock.
 */
public final class Scheduler {

	private final List<CandidateFilter> filters;

	private final Evaluator evaluator;

	private final HostEjectionPolicy policy;

	public Scheduler(List<CandidateFilter> filters, Evaluator evaluator, HostEjectionPolicy policy) {
		this.filters = List.copyOf(filters);
		this.evaluator = evaluator;
		this.policy = policy;
	}

	public Ranking rank(Round round, ClusterConfig config) {
		FilterContext context = new FilterContext(round, config, policy);
		List<Candidate> candidates = round.candidates();
		Map<FilterReason, Integer> filtered = new EnumMap<>(FilterReason.class);
		for (FilterReason reason : FilterReason.values()) {
			filtered.put(reason, 0);
		}
		Map<String, String> rejections = new LinkedHashMap<>();
		@Nullable LadderStep[] admittedAt = new LadderStep[candidates.size()];
		for (int i = 0; i < candidates.size(); i++) {
			admittedAt[i] = admission(candidates.get(i), context, filtered, rejections);
		}
		for (LadderStep rung : RelaxationLadder.ADMISSION_RUNGS) {
			List<Candidate> kept = new ArrayList<>();
			for (int i = 0; i < candidates.size(); i++) {
				LadderStep at = admittedAt[i];
				if (at != null && at.ordinal() <= rung.ordinal()) {
					kept.add(candidates.get(i));
				}
			}
			if (!kept.isEmpty()) {
				return ranked(round, config, context, kept, rung, filtered, rejections);
			}
		}
		return new Ranking(List.of(), LadderStep.NONE, filtered, rejections, List.of(), candidates.size());
	}

	/** The lowest rung that admits the candidate, or null when none does; counts its first rejection. */
	private @Nullable LadderStep admission(Candidate candidate, FilterContext context,
			Map<FilterReason, Integer> filtered, Map<String, String> rejections) {
		LadderStep needed = LadderStep.NONE;
		Rejection first = null;
		for (CandidateFilter filter : filters) {
			Rejection rejection = filter.test(candidate, context);
			if (rejection == null) {
				continue;
			}
			if (first == null) {
				first = rejection;
				filtered.merge(rejection.reason(), 1, Integer::sum);
				rejections.put(candidate.peerId(), rejection.reason().tag() + ": " + rejection.detail());
			}
			LadderStep at = rejection.admittedAt();
			if (at == null) {
				return null;
			}
			if (at.ordinal() > needed.ordinal()) {
				needed = at;
			}
		}
		return needed;
	}

	private Ranking ranked(Round round, ClusterConfig config, FilterContext context, List<Candidate> kept,
			LadderStep rung, Map<FilterReason, Integer> filtered, Map<String, String> rejections) {
		int mostPieces = 0;
		for (Candidate candidate : kept) {
			mostPieces = Math.max(mostPieces, candidate.pieceCount());
		}
		List<Ranking.Ranked> ranked = new ArrayList<>(kept.size());
		for (Candidate candidate : kept) {
			ranked.add(new Ranking.Ranked(candidate, evaluator.score(candidate, context.verdict(candidate).condition(),
					round.requesterHost(), round.task().pieceCount(), mostPieces, config)));
		}
		// Stable sort of a random sample: equal scores stay in random order, which spreads the load.
		ranked.sort(Comparator.comparingDouble((Ranking.Ranked r) -> r.score().total()).reversed());
		List<ScoredCandidate> scores = new ArrayList<>(ranked.size());
		for (Ranking.Ranked r : ranked) {
			scores.add(new ScoredCandidate(r.candidate().peerId(), r.candidate().hostId(),
					Evaluator.Score.round(r.score().total()), r.score().parts()));
		}
		List<Ranking.Ranked> parents = ranked.subList(0, Math.min(config.candidateParentLimit(), ranked.size()));
		return new Ranking(List.copyOf(parents), rung, filtered, rejections, scores, round.candidates().size());
	}

}
