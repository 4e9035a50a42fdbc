package io.damselfly.peer.download;

import java.time.Duration;

import io.damselfly.peer.scheduler.SchedulerUnavailableException;
import reactor.core.publisher.Mono;
import reactor.util.retry.Retry;

/**
 * How long a download rides out schedulers that cannot answer before it goes to the origin without
 * them. Backoff from 250 ms doubling to 3 s. Two budgets:
 * <ul>
 * <li>{@code gone}: no scheduler answered anything lately (refused connections, timeouts): they are
 * gone, and the origin is the only way on, so the download waits only a restart's worth (about 10 s);</li>
 * <li>{@code answering}: schedulers still answer, with 503, because their Redis is failing over: that
 * passes within seconds, and going to the origin meanwhile would multiply its egress for a blip, so the
 * download waits longer ({@code damselfly.peer.scheduler-outage-wait}, 30 s).</li>
 * </ul>
 * Any other error is not retried here.
 */
final class SchedulerOutageRetry {

	private static final long FIRST_MILLIS = 250;

	private static final long MAX_MILLIS = 3000;

	/** About 10 s: 0.25 + 0.5 + 1 + 2 + 3 + 3 s. */
	static final Duration GONE = Duration.ofMillis(9750);

	private SchedulerOutageRetry() {
	}

	static Retry of(Duration gone, Duration answering) {
		return Retry.from((signals) -> {
			long[] waited = { 0 };
			return signals.concatMap((signal) -> {
				Throwable failure = signal.failure();
				if (!(failure instanceof SchedulerUnavailableException unavailable)) {
					return Mono.error(failure);
				}
				long delay = delayMillis(signal.totalRetries());
				Duration budget = unavailable.schedulersAnswering() ? answering : gone;
				if (waited[0] + delay > budget.toMillis()) {
					return Mono.error(failure);
				}
				waited[0] += delay;
				return Mono.delay(Duration.ofMillis(delay));
			});
		});
	}

	static long delayMillis(long retries) {
		return Math.min(FIRST_MILLIS << Math.min(retries, 10), MAX_MILLIS);
	}

}
