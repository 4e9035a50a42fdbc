package io.damselfly.service.lifecycle;

import java.time.Duration;
import java.util.function.Supplier;

import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.Disposable;
import reactor.core.Disposables;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

import org.springframework.context.SmartLifecycle;

/**
 * Runs a reactive job again and again while the application runs, one run at a time. Two rhythms:
 * <ul>
 * <li>{@link #atFixedRate}: a run every interval; a tick that comes while a run is still going is skipped,
 * so a slow run delays nothing but itself and runs never overlap (probes, flushes, list refreshes);</li>
 * <li>{@link #withDelay}: the next run starts a delay after the previous one ended, the delay read again
 * each time (announces whose interval the remote side may change).</li>
 * </ul>
 * A run that fails with a {@link RuntimeException} is logged at WARN and the loop goes on: stopping it
 * would hide every later failure, and the job has already handled the errors it expects. A job should
 * name and recover from its own expected errors; what reaches this class is a surprise worth a WARN.
 * <p>
 * Started by the container ({@link SmartLifecycle}) unless built with {@link #manualStart()}, in which case
 * its owner calls {@link #start()} when the time comes (e.g. once the web server has its port). Either
 * way the container stops it, and with {@link #runOnceMoreOnStop()} it runs the job a last time then
 * (e.g. a last metadata flush).
 */
public final class PeriodicTask implements SmartLifecycle {

	private static final Logger logger = LoggerFactory.getLogger(PeriodicTask.class);

	private static final Duration LAST_RUN_LIMIT = Duration.ofSeconds(10);

	private final String name;

	private final Duration initialDelay;

	private final @Nullable Duration rate;

	private final Supplier<Duration> delay;

	private final Supplier<? extends Mono<?>> job;

	private boolean autoStartup = true;

	private boolean runOnStop;

	private int phase = SmartLifecycle.DEFAULT_PHASE;

	private volatile Disposable loop = Disposables.disposed();

	private PeriodicTask(String name, Duration initialDelay, @Nullable Duration rate, Supplier<Duration> delay,
			Supplier<? extends Mono<?>> job) {
		this.name = name;
		this.initialDelay = initialDelay;
		this.rate = rate;
		this.delay = delay;
		this.job = job;
	}

	/**
	 * A run every {@code interval}, the first one after {@code initialDelay}.
	 * @param name what the job is, for logs ({@code "task metadata flush"})
	 */
	public static PeriodicTask atFixedRate(String name, Duration initialDelay, Duration interval,
			Supplier<? extends Mono<?>> job) {
		return new PeriodicTask(name, initialDelay, interval, () -> interval, job);
	}

	/** A run at once, then each {@code delay.get()} after the previous run ended. */
	public static PeriodicTask withDelay(String name, Supplier<Duration> delay, Supplier<? extends Mono<?>> job) {
		return new PeriodicTask(name, Duration.ZERO, null, delay, job);
	}

	/** The container does not start it; its owner calls {@link #start()}. */
	public PeriodicTask manualStart() {
		this.autoStartup = false;
		return this;
	}

	/** Runs the job once more, bounded to 10 s, when stopped. */
	public PeriodicTask runOnceMoreOnStop() {
		this.runOnStop = true;
		return this;
	}

	/** The lifecycle phase (default {@link SmartLifecycle#DEFAULT_PHASE}). */
	public PeriodicTask phase(int phase) {
		this.phase = phase;
		return this;
	}

	/** One run, whatever happens: a failure is logged and swallowed. */
	public Mono<Void> runOnce() {
		return Mono.defer(job).then()
			// Fail-open: a failed run is retried at the next tick; ending the loop would hide later failures.
			.onErrorResume(RuntimeException.class, (ex) -> {
				logger.warn("{} failed: {}", name, ex.toString());
				return Mono.empty();
			});
	}

	@Override
	public synchronized void start() {
		if (!loop.isDisposed()) {
			return;
		}
		Duration fixed = rate;
		Flux<?> runs = (fixed != null)
				? Flux.interval(initialDelay, fixed)
					.onBackpressureDrop((tick) -> logger.debug("{}: tick {} skipped, the last run is still going", name,
							tick))
					.concatMap((tick) -> runOnce(), 0)
				: runOnce().then(Mono.defer(() -> Mono.delay(delay.get()))).repeat();
		loop = runs.subscribe();
	}

	@Override
	public void stop() {
		Disposable current;
		synchronized (this) {
			current = loop;
			loop = Disposables.disposed();
		}
		if (current.isDisposed()) {
			return;
		}
		current.dispose();
		if (runOnStop) {
			runOnce().block(LAST_RUN_LIMIT);
		}
	}

	@Override
	public boolean isRunning() {
		return !loop.isDisposed();
	}

	@Override
	public boolean isAutoStartup() {
		return autoStartup;
	}

	@Override
	public int getPhase() {
		return phase;
	}

	public String name() {
		return name;
	}

}
