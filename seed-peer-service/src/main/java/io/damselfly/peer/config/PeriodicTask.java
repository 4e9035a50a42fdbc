package io.damselfly.peer.config;

import java.time.Duration;
import java.util.function.Supplier;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.Disposable;
import reactor.core.Disposables;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

import org.springframework.context.SmartLifecycle;

/**
 * Runs a reactive job every interval while the application runs, one run at a time, and once more on
 * stop when asked (e.g. a last metadata flush). A failing run is logged and the next one still runs.
 */
public class PeriodicTask implements SmartLifecycle {

	private static final Logger logger = LoggerFactory.getLogger(PeriodicTask.class);

	private final String name;

	private final Duration interval;

	private final Supplier<Mono<?>> job;

	private final boolean runOnStop;

	private volatile Disposable loop = Disposables.disposed();

	public PeriodicTask(String name, Duration interval, Supplier<Mono<?>> job, boolean runOnStop) {
		this.name = name;
		this.interval = interval;
		this.job = job;
		this.runOnStop = runOnStop;
	}

	@Override
	public void start() {
		loop = Flux.interval(interval, interval).onBackpressureDrop().concatMap((tick) -> runOnce(), 1).subscribe();
	}

	private Mono<?> runOnce() {
		return Mono.defer(job)
			// Fail-open: a failed run is retried at the next tick; stopping the loop would hide later failures.
			.onErrorResume(Exception.class, (ex) -> {
				logger.warn("{} failed: {}", name, ex.toString());
				return Mono.empty();
			});
	}

	@Override
	public void stop() {
		loop.dispose();
		if (runOnStop) {
			runOnce().block(Duration.ofSeconds(10));
		}
	}

	@Override
	public boolean isRunning() {
		return !loop.isDisposed();
	}

}
