package io.damselfly.scheduler.scheduling;

import java.util.Map;
import java.util.function.LongSupplier;

import io.damselfly.common.cluster.ClusterConfig;
import io.damselfly.common.schedule.DecisionType;
import io.damselfly.common.schedule.LadderStep;
import io.damselfly.scheduler.state.TaskRecord;
import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

/**
 * The relaxation ladder (docs/architecture.md#scheduling step 4), in one place and in the order it is
 * climbed; the first rung with an answer ends the climb.
 * <ol>
 * <li>{@link LadderStep#NONE}: filter and score the sampled candidates ({@link Scheduler});</li>
 * <li>{@link LadderStep#ADMIT_PROBATION}: if none survived, admit hosts in HALF_OPEN (probation) or DEGRADED
 * state;</li>
 * <li>{@link LadderStep#ADMIT_RUNNING_WITHOUT_PIECES}: then running peers that have a parent but no piece
 * yet. A parent on a half-open host must then hold one of its few probation grants ({@link BreakerGate});
 * a host whose grants ran out is withdrawn, and the climb goes on as if it had never been admitted;</li>
 * <li>{@link LadderStep#SEED_FIRST_FETCH}: a seed requester goes to the origin at once: seeds are the
 * trusted first fetchers;</li>
 * <li>{@link LadderStep#TRIGGER_SEED}: if no healthy seed holds or fetches the task, trigger one
 * ({@link SeedOutlookSource}) and WAIT;</li>
 * <li>{@link LadderStep#RETRY}, {@link LadderStep#BACK_TO_SOURCE}, {@link LadderStep#FAIL}: the rules below.</li>
 * </ol>
 * The last rungs are pure functions of the round and what the seeds can do:
 * <ul>
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

	/** The rungs the {@link Scheduler} climbs by admitting more candidates, strictest first. */
	static final LadderStep[] ADMISSION_RUNGS = { LadderStep.NONE, LadderStep.ADMIT_PROBATION,
			LadderStep.ADMIT_RUNNING_WITHOUT_PIECES };

	private final Scheduler scheduler;

	private final BreakerGate gate;

	private final SeedOutlookSource seeds;

	public RelaxationLadder(Scheduler scheduler, BreakerGate gate, SeedOutlookSource seeds) {
		this.scheduler = scheduler;
		this.gate = gate;
		this.seeds = seeds;
	}

	/**
	 * Climbs the ladder for one round.
	 * @param task the task as stored (what a triggered seed fetches)
	 * @param headers the registration's origin headers, for a triggered seed, never stored
	 * @param retryAfter the delay a WAIT asks for, jitter included
	 */
	public Mono<Climb> climb(Round round, ClusterConfig config, TaskRecord task, @Nullable Map<String, String> headers,
			LongSupplier retryAfter) {
		Ranking filtered = scheduler.rank(round, config);
		Mono<Ranking> admitted = gate.needsGrants(filtered)
				? gate.admit(round, filtered).publishOn(Schedulers.parallel()) : Mono.just(filtered);
		return admitted.flatMap((ranking) -> {
			if (ranking.hasParents()) {
				return Mono.just(new Climb(ranking,
						new LadderVerdict(DecisionType.PARENTS, ranking.step(), null, 0, "")));
			}
			if (round.requesterIsSeed()) {
				return Mono.just(new Climb(ranking, seedFirstFetch(ranking, round)));
			}
			return seeds.outlook(round, ranking, task, config, headers)
				.map((outlook) -> new Climb(ranking,
						withoutParents(ranking, round, outlook, config, retryAfter.getAsLong())));
		});
	}

	/**
	 * Where a climb ended.
	 *
	 * @param ranking the filtering outcome, parents included when there are any
	 * @param verdict the answer and the rung that gave it
	 */
	public record Climb(Ranking ranking, LadderVerdict verdict) {
	}

	/** The requester is a seed and nothing is servable: it fetches from the origin first. */
	static LadderVerdict seedFirstFetch(Ranking ranking, Round round) {
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
	static LadderVerdict withoutParents(Ranking ranking, Round round, SeedOutlook seeds, ClusterConfig config,
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
					seedWait(retryAfterMillis, failures), "");
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

	/**
	 * The wait while a seed has been triggered for the task or is fetching it: a quarter of the retry
	 * interval on the first failed attempt, half on the second, the whole interval after. The seed's first
	 * piece is usually ready within a few tens of milliseconds, so a full interval first made every peer
	 * but the first wait at least that long for any task (a 1 MiB file to 8 peers took 0.95 s). The count
	 * of attempts, and so when a peer gives up on a seed that never starts, is unchanged.
	 * @param retryAfterMillis the retry interval, jitter included
	 * @param failures failed attempts before this one
	 */
	static long seedWait(long retryAfterMillis, int failures) {
		int shift = Math.max(0, 2 - failures);
		return Math.max(MIN_WAIT_MILLIS, retryAfterMillis >> shift);
	}

	/** The shortest wait asked for: the cluster configuration's lowest retry interval. */
	static final long MIN_WAIT_MILLIS = 10;

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
