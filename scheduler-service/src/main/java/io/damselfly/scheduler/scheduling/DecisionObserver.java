package io.damselfly.scheduler.scheduling;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.damselfly.common.schedule.DecisionType;
import io.damselfly.common.schedule.FilterReason;
import io.damselfly.common.schedule.LadderStep;
import io.damselfly.common.schedule.ScheduleAttempt;
import io.damselfly.common.schedule.ScheduleDecision;
import io.damselfly.scheduler.config.InstanceId;
import io.damselfly.scheduler.host.BreakerWatch;
import io.damselfly.scheduler.metrics.SchedulerMetrics;
import io.damselfly.scheduler.state.HostRepository.HostEntry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Makes every scheduling decision visible (docs/architecture.md#scheduling rule 6): the explanation kept
 * per peer, one structured log line per attempt ({@code filter candidate parents: ...}), the
 * {@code scheduling failed in N times} and {@code back-to-source} lines, and the scheduler's metrics,
 * including the gauge of the host breakers each round read.
 */
public class DecisionObserver {

	/** Logged under the scheduling service's name, where operators already look for these lines. */
	private static final Logger logger = LoggerFactory.getLogger(SchedulingService.class);

	private final SchedulerMetrics metrics;

	private final BreakerWatch breakers;

	private final InstanceId instance;

	public DecisionObserver(SchedulerMetrics metrics, BreakerWatch breakers, InstanceId instance) {
		this.metrics = metrics;
		this.breakers = breakers;
		this.instance = instance;
	}

	/** Notes the breakers a round read, for the breaker gauge. */
	void seen(Map<String, HostEntry> entries) {
		entries.forEach((hostId, entry) -> breakers.seen(hostId, entry.breaker()));
	}

	ScheduleAttempt explain(Round round, Ranking ranking, ScheduleDecision decision, long now,
			Duration took) {
		List<String> sampled = new ArrayList<>(round.candidates().size());
		for (Candidate c : round.candidates()) {
			sampled.add(c.peerId());
		}
		Map<String, Integer> filtered = new LinkedHashMap<>();
		ranking.filtered().forEach((reason, count) -> filtered.put(reason.tag(), count));
		return new ScheduleAttempt(round.attempt(), Instant.ofEpochMilli(now), instance.get(), round.servableCount(),
				sampled, filtered, ranking.rejections(), ranking.scores(), decision.ladderStep(), decision.type(),
				decision.reason(), took.toNanos() / 1000);
	}

	void observe(Round round, Ranking ranking, ScheduleDecision decision, LadderVerdict verdict,
			Duration took) {
		metrics.decided(decision.type(), took);
		ranking.filtered().forEach(metrics::filtered);
		if (logger.isInfoEnabled()) {
			attemptFields(logger.atInfo(), round, ranking, decision).log(attemptLine(round, ranking, decision));
		}
		if (decision.type() == DecisionType.BACK_TO_SOURCE) {
			metrics.backToSource(verdict.metricReason());
			String line = "back-to-source: task=" + round.taskId() + " peer=" + round.peerId() + " attempt="
					+ round.attempt() + " step=" + decision.ladderStep() + " reason=" + decision.reason();
			if (decision.ladderStep() == LadderStep.SEED_FIRST_FETCH) {
				logger.info(line);
			}
			else {
				logger.warn(line);
			}
		}
		else if (decision.type() != DecisionType.PARENTS) {
			String line = "scheduling failed in " + (round.failuresBefore() + 1) + " times: task="
					+ shortId(round.taskId()) + " peer=" + round.peerId() + " decision=" + decision.type() + " step="
					+ decision.ladderStep() + " reason=" + decision.reason();
			if (decision.type() == DecisionType.FAIL) {
				logger.warn(line);
			}
			else {
				logger.info(line);
			}
		}
	}

	/** {@code filter candidate parents: task=… peer=… attempt=3 servable=12 sampled=12 self=1 … kept=2 step=NONE decision=PARENTS} */
	/**
	 * The attempt line's fields as key-value pairs, so structured (JSON) logs carry them as fields:
	 * {@code task}, {@code peer}, {@code attempt}, {@code servable}, {@code sampled}, one
	 * {@code filtered.<reason>} per filter reason, {@code kept}, {@code parents}, {@code step}, {@code decision}.
	 */
	static org.slf4j.spi.LoggingEventBuilder attemptFields(org.slf4j.spi.LoggingEventBuilder event, Round round,
			Ranking ranking, ScheduleDecision decision) {
		event = event.addKeyValue("task", round.taskId()).addKeyValue("peer", round.peerId())
			.addKeyValue("attempt", round.attempt()).addKeyValue("servable", round.servableCount())
			.addKeyValue("sampled", ranking.sampled());
		for (java.util.Map.Entry<io.damselfly.common.schedule.FilterReason, Integer> entry : ranking.filtered()
			.entrySet()) {
			event = event.addKeyValue("filtered." + entry.getKey().tag(), entry.getValue());
		}
		return event.addKeyValue("kept", ranking.scores().size()).addKeyValue("parents", decision.parents().size())
			.addKeyValue("step", String.valueOf(decision.ladderStep()))
			.addKeyValue("decision", decision.type().name());
	}

	static String attemptLine(Round round, Ranking ranking, ScheduleDecision decision) {
		StringBuilder line = new StringBuilder(320).append("filter candidate parents: task=")
			.append(shortId(round.taskId())).append(" peer=").append(round.peerId()).append(" attempt=")
			.append(round.attempt()).append(" servable=").append(round.servableCount()).append(" sampled=")
			.append(ranking.sampled());
		for (Map.Entry<FilterReason, Integer> entry : ranking.filtered().entrySet()) {
			line.append(' ').append(entry.getKey().tag()).append('=').append(entry.getValue());
		}
		return line.append(" kept=").append(ranking.scores().size()).append(" parents=")
			.append(decision.parents().size()).append(" step=").append(decision.ladderStep()).append(" decision=")
			.append(decision.type()).toString();
	}

	private static String shortId(String taskId) {
		return (taskId.length() > 8) ? taskId.substring(0, 8) : taskId;
	}

}
