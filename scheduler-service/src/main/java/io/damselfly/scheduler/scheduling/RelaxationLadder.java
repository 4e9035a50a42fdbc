package io.damselfly.scheduler.scheduling;

import io.damselfly.common.cluster.ClusterConfig;
import io.damselfly.common.schedule.DecisionType;
import io.damselfly.common.schedule.LadderStep;

/**
 * The upper rungs of the relaxation ladder (docs/architecture.md#scheduling step 4), once filtering, probation and running
 * peers gave no parent. Pure: the seed trigger's outcome comes in as a {@link SeedOutlook}.
 * <ul>
 * <li>A seed requester goes to the origin at once: seeds are the trusted first fetchers.</li>
 * <li>While a healthy seed holds or fetches the task the peer waits; it never goes to the origin then
 * (docs/architecture.md#scheduling rule 5), and fails only after {@code retryLimit} attempts.</li>
 * <li>While a triggered seed has not started, the peer waits up to {@code retryLimit} attempts, then
 * goes to the origin, saying the seed never came: a seed that holds nothing does not justify failing a
 * download the origin can still serve.</li>
 * <li>Otherwise it waits {@code retryBackToSourceLimit} attempts, then goes to the origin while fewer
 * than {@code backToSourceLimit} peers of the task are there, and fails after {@code retryLimit}.</li>
 * </ul>
 */
public final class RelaxationLadder {

	/** The requester is a seed and nothing is servable: it fetches from the origin first. */
	public LadderVerdict seedFirstFetch(Ranking ranking, Round round) {
		return new LadderVerdict(DecisionType.BACK_TO_SOURCE, LadderStep.SEED_FIRST_FETCH,
				"seed peer is the first fetcher: no servable parent (" + ranking.summary(round.servableCount()) + ")",
				0, "seed_first_fetch");
	}

	/**
	 * @param ranking the filtering outcome (no parents)
	 * @param round the round
	 * @param seeds what the seeds can do
	 * @param config cluster limits
	 * @param retryAfterMillis the delay a WAIT asks for, jitter included
	 */
	public LadderVerdict withoutParents(Ranking ranking, Round round, SeedOutlook seeds, ClusterConfig config,
			long retryAfterMillis) {
		int failures = round.failuresBefore();
		String summary = ranking.summary(round.servableCount());
		if (!(seeds instanceof SeedOutlook.Unavailable unavailable)) {
			String waiting = describe(seeds);
			if (failures >= config.retryLimit()) {
				if (seeds instanceof SeedOutlook.Triggered && round.originCount() < config.backToSourceLimit()) {
					return new LadderVerdict(DecisionType.BACK_TO_SOURCE, LadderStep.BACK_TO_SOURCE, waiting
							+ " but it has not started fetching after " + failures + " failed attempts (" + summary + ")",
							0, "seed_not_started");
				}
				return fail("no parent after " + (failures + 1) + " attempts although " + waiting + " (" + summary + ")");
			}
			LadderStep step = (seeds instanceof SeedOutlook.Triggered) ? LadderStep.TRIGGER_SEED : LadderStep.RETRY;
			return new LadderVerdict(DecisionType.WAIT, step, waiting + "; no candidate parents yet (" + summary + ")",
					retryAfterMillis, "");
		}
		String noSeed = "no healthy seed: " + unavailable.why();
		if (failures >= config.retryBackToSourceLimit()) {
			if (round.originCount() < config.backToSourceLimit()) {
				return new LadderVerdict(DecisionType.BACK_TO_SOURCE, LadderStep.BACK_TO_SOURCE,
						"no candidate parents after " + failures + " failed attempts (" + summary + "); " + noSeed, 0,
						"no_parents");
			}
			if (failures >= config.retryLimit()) {
				return fail("no parent after " + (failures + 1) + " attempts and " + round.originCount()
						+ " peers already at the origin (backToSourceLimit " + config.backToSourceLimit() + "); "
						+ noSeed);
			}
			return new LadderVerdict(DecisionType.WAIT, LadderStep.RETRY, "no candidate parents (" + summary + "); "
					+ round.originCount() + " peers already at the origin (backToSourceLimit "
					+ config.backToSourceLimit() + "); " + noSeed, retryAfterMillis, "");
		}
		if (failures >= config.retryLimit()) {
			return fail("no parent after " + (failures + 1) + " attempts (" + summary + "); " + noSeed);
		}
		int left = config.retryBackToSourceLimit() - failures;
		return new LadderVerdict(DecisionType.WAIT, LadderStep.RETRY, "no candidate parents (" + summary + "); " + noSeed
				+ "; back to source after " + left + " more failed attempt" + ((left == 1) ? "" : "s"),
				retryAfterMillis, "");
	}

	private static String describe(SeedOutlook seeds) {
		if (seeds instanceof SeedOutlook.Serving serving) {
			return "seed peer " + serving.seedPeerId() + " holds or fetches the task but " + serving.why();
		}
		if (seeds instanceof SeedOutlook.Triggered triggered) {
			return triggered.now() ? "triggered seed " + triggered.seedNodeId() + " to fetch the task"
					: "seed " + triggered.seedNodeId() + " was triggered for the task";
		}
		return ((SeedOutlook.Unavailable) seeds).why();
	}

	private static LadderVerdict fail(String reason) {
		return new LadderVerdict(DecisionType.FAIL, LadderStep.FAIL, reason, 0, "");
	}

}
