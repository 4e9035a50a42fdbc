package io.damselfly.service.lifecycle;

import java.util.function.Consumer;

import org.reactivestreams.Publisher;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.Disposable;
import reactor.core.Disposables;
import reactor.core.publisher.Flux;

import org.springframework.context.SmartLifecycle;

/**
 * Work a request starts and does not wait for (a download the local API accepted, reports owed to the
 * schedulers, a "leave" sent after an eviction), owned by the application rather than by nobody: each
 * subscription is tracked while it runs and cancelled when the context stops, so nothing outlives the
 * application it belongs to. An error that reaches here is logged at WARN, or handed to the caller's
 * handler.
 */
public final class BackgroundWork implements SmartLifecycle {

	private static final Logger logger = LoggerFactory.getLogger(BackgroundWork.class);

	private final Disposable.Composite running = Disposables.composite();

	private volatile boolean started;

	/** Runs {@code work} in the background; its failure is logged at WARN as {@code "<what> failed"}. */
	public void run(String what, Publisher<?> work) {
		run(what, work, (ex) -> logger.warn("{} failed: {}", what, ex.toString()));
	}

	/** Runs {@code work} in the background; its failure goes to {@code onError}. */
	public void run(String what, Publisher<?> work, Consumer<? super Throwable> onError) {
		if (running.isDisposed()) {
			logger.debug("{} not started: the application is stopping", what);
			return;
		}
		Disposable[] self = new Disposable[1];
		Disposable subscription = Flux.from(work).doFinally((signal) -> forget(self[0])).subscribe(null, onError);
		self[0] = subscription;
		if (!subscription.isDisposed()) {
			running.add(subscription);
			if (subscription.isDisposed()) {
				running.remove(subscription);
			}
		}
	}

	private void forget(@org.jspecify.annotations.Nullable Disposable subscription) {
		if (subscription != null) {
			running.remove(subscription);
		}
	}

	/** How many pieces of work are running now. */
	public int size() {
		return running.size();
	}

	@Override
	public void start() {
		started = true;
	}

	@Override
	public void stop() {
		started = false;
		running.dispose();
	}

	@Override
	public boolean isRunning() {
		return started;
	}

	/**
	 * Just below the default phase: stopped after the periodic tasks that start work here (the manager's
	 * probe rounds, whose readiness exchanges run here), so a round is ended before its exchanges are
	 * cancelled under it, and a task's last run on stop can still start work.
	 */
	@Override
	public int getPhase() {
		return SmartLifecycle.DEFAULT_PHASE - 1;
	}

}
