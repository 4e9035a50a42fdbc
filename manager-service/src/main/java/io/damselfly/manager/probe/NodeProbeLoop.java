package io.damselfly.manager.probe;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicBoolean;

import io.damselfly.service.lifecycle.PeriodicTask;
import io.lettuce.core.RedisException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

import org.springframework.context.SmartLifecycle;
import org.springframework.dao.DataAccessException;

/**
 * Runs a {@link NodeProber} round every interval, at a fixed rate, from application start to shutdown
 * (a {@link PeriodicTask}). Rounds never overlap: a tick that comes while a round is still running is
 * skipped, so a node is never probed twice at once and its breaker sees its probes in order. A round
 * that fails is logged and the next one runs as usual.
 */
public class NodeProbeLoop implements SmartLifecycle {

	private static final Logger logger = LoggerFactory.getLogger(NodeProbeLoop.class);

	private final NodeProber prober;

	private final Duration interval;

	private final boolean enabled;

	private final PeriodicTask rounds;

	private final AtomicBoolean registryDown = new AtomicBoolean();

	public NodeProbeLoop(NodeProber prober, Duration interval, boolean enabled) {
		this.prober = prober;
		this.interval = interval;
		this.enabled = enabled;
		this.rounds = PeriodicTask.atFixedRate("probe round", interval, interval, this::round);
	}

	@Override
	public boolean isAutoStartup() {
		return enabled;
	}

	@Override
	public void start() {
		if (!rounds.isRunning()) {
			logger.info("Probing registered nodes every {}", interval);
			rounds.start();
		}
	}

	private Mono<Integer> round() {
		return prober.probeAll()
			// Opening the Redis connection again after an outage blocks the subscriber; keep that off the
			// parallel scheduler, whose threads drive the interval and every probe timeout.
			.subscribeOn(Schedulers.boundedElastic())
			.doOnSuccess((probed) -> registryAvailable())
			// Fail-static: without Redis no state can be stored, so every node keeps the state it has.
			.onErrorResume(DataAccessException.class, this::registryUnavailable)
			// The reactive template lets some Lettuce errors through untranslated ("Currently not connected").
			.onErrorResume(RedisException.class, this::registryUnavailable);
	}

	/** One WARN when Redis goes away and one INFO when it is back, not a line every round in between. */
	private Mono<Integer> registryUnavailable(RuntimeException ex) {
		if (registryDown.compareAndSet(false, true)) {
			logger.warn("Probe rounds skipped until the node registry (Redis) is back: {}", ex.getMessage());
		}
		else {
			logger.debug("Probe round skipped: node registry (Redis) unavailable: {}", ex.getMessage());
		}
		return Mono.empty();
	}

	private void registryAvailable() {
		if (registryDown.compareAndSet(true, false)) {
			logger.info("Node registry (Redis) is back: probe rounds resumed");
		}
	}

	@Override
	public void stop() {
		rounds.stop();
	}

	@Override
	public boolean isRunning() {
		return rounds.isRunning();
	}

}
