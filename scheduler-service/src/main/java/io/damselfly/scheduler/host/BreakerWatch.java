package io.damselfly.scheduler.host;

import java.time.Clock;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import io.damselfly.scheduler.metrics.SchedulerMetrics;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What this instance sees of the shared host breakers, for operators: one WARN line when a breaker
 * opens (counted in {@code damselfly_scheduler_host_ejections_total{source="breaker"}}), one INFO line
 * when it closes, and the gauge {@code damselfly_scheduler_host_breakers{state}} of the hosts whose
 * breaker it last saw open or half-open. The transitions are reported by the script that made them, so
 * each one is logged and counted once across all instances.
 */
public class BreakerWatch {

	private static final Logger logger = LoggerFactory.getLogger(BreakerWatch.class);

	/** Tripped hosts remembered at most; beyond this many, new ones are logged and counted but not gauged. */
	private static final int LIMIT = 10_000;

	private final HostBreakerProperties settings;

	private final SchedulerMetrics metrics;

	private final Clock clock;

	private final Map<String, Seen> tripped = new ConcurrentHashMap<>();

	public BreakerWatch(HostBreakerProperties settings, SchedulerMetrics metrics, Clock clock) {
		this.settings = settings;
		this.metrics = metrics;
		this.clock = clock;
		metrics.breakerGauge("open", () -> count(HostBreaker.State.OPEN));
		metrics.breakerGauge("half_open", () -> count(HostBreaker.State.HALF_OPEN));
	}

	/** Notes a breaker as read with a round or a view. Cheap for the usual closed one. */
	public void seen(String hostId, HostBreaker breaker) {
		if (breaker.tripped()) {
			if (tripped.size() < LIMIT || tripped.containsKey(hostId)) {
				tripped.put(hostId, new Seen(breaker, clock.millis()));
			}
		}
		else if (!tripped.isEmpty()) {
			tripped.remove(hostId);
		}
	}

	/** Logs and counts the transitions a report made. */
	public void changed(String hostId, HostBreaker.Update update) {
		HostBreaker after = update.after();
		for (int i = 0; i < update.transitions().length(); i++) {
			switch (update.transitions().charAt(i)) {
				case 'O' -> {
					metrics.hostEjected(SchedulerMetrics.EJECTED_BY_BREAKER);
					logger.warn("host {} ejected: {}; filtered for {} ms, then on probation for {} children at a time",
							hostId, after.reason(), settings.openDuration().toMillis(), settings.halfOpenPermits());
				}
				case 'R' -> {
					metrics.hostEjected(SchedulerMetrics.EJECTED_BY_BREAKER);
					logger.warn("host {} ejected again: {}; filtered for {} ms", hostId, after.reason(),
							settings.openDuration().toMillis());
				}
				case 'C' -> logger.info("host {} re-admitted: breaker closed after {} good pieces on probation", hostId,
						settings.halfOpenSuccesses());
				default -> throw new IllegalStateException("unknown breaker transition " + update.transitions());
			}
		}
		seen(hostId, after);
	}

	int count(HostBreaker.State state) {
		long now = clock.millis();
		long forgetAfter = settings.openDuration().plus(settings.probationTimeout()).toMillis();
		int count = 0;
		for (Map.Entry<String, Seen> entry : tripped.entrySet()) {
			Seen seen = entry.getValue();
			if (now - seen.at > forgetAfter) {
				tripped.remove(entry.getKey(), seen);
			}
			else if (seen.breaker.state(now) == state) {
				count++;
			}
		}
		return count;
	}

	private record Seen(HostBreaker breaker, long at) {
	}

}
