package io.damselfly.scheduler.config;

import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.BiFunction;
import java.util.function.Supplier;

import org.jspecify.annotations.Nullable;
import io.damselfly.service.lifecycle.BackgroundWork;
import reactor.core.publisher.Mono;

/**
 * A value fetched from a remote service and cached for a while. Once a value is known, a stale read
 * answers at once with it and refreshes in the background, so a slow manager never slows scheduling;
 * only the very first read waits for the fetch. One fetch at a time, however many callers. A background
 * refresh is owned by the application ({@link BackgroundWork}), so none outlives it.
 *
 * @param <T> the value
 */
public final class RefreshingValue<T> {

	private final Supplier<Mono<T>> loader;

	private final BiFunction<Exception, @Nullable T, T> fallback;

	private final Duration ttl;

	private final Clock clock;

	private final String name;

	private final BackgroundWork background;

	private volatile @Nullable Entry<T> entry;

	private final AtomicReference<@Nullable Mono<T>> inflight = new AtomicReference<>();

	/**
	 * @param name what the value is, for logs ({@code "seed list"})
	 * @param loader fetches a fresh value
	 * @param fallback turns a failed fetch and the last known value (null if none) into the value to use
	 * @param ttl how long a value is fresh
	 * @param clock time source
	 * @param background runs the refreshes nobody waits for
	 */
	public RefreshingValue(String name, Supplier<Mono<T>> loader, BiFunction<Exception, @Nullable T, T> fallback,
			Duration ttl, Clock clock, BackgroundWork background) {
		this.name = name;
		this.background = background;
		this.loader = loader;
		this.fallback = fallback;
		this.ttl = ttl;
		this.clock = clock;
	}

	public Mono<T> get() {
		Entry<T> current = entry;
		if (current != null && clock.millis() - current.fetchedAt < ttl.toMillis()) {
			return Mono.just(current.value);
		}
		Mono<T> refresh = refresh();
		if (current != null) {
			background.run(name + " refresh", refresh);
			return Mono.just(current.value);
		}
		return refresh;
	}

	/**
	 * Fetches a fresh value now, whatever the age of the cached one: for a caller told that the remote
	 * value changed. A fetch already running may have started before the change, so this one runs after
	 * it rather than joining it.
	 */
	public Mono<T> refreshNow() {
		Mono<T> running = inflight.get();
		if (running == null) {
			return refresh();
		}
		return running.onErrorResume(Exception.class, (ex) -> Mono.empty()).then(Mono.defer(this::refresh));
	}

	private Mono<T> refresh() {
		Mono<T> running = inflight.get();
		if (running != null) {
			return running;
		}
		Mono<T> created = Mono.defer(loader)
			// Fail-open: the caller always gets a value (last known or the fallback), never an error.
			.onErrorResume(Exception.class, (ex) -> {
				Entry<T> last = entry;
				return Mono.just(fallback.apply(ex, (last != null) ? last.value : null));
			})
			.doOnNext((value) -> entry = new Entry<>(value, clock.millis()))
			.doFinally((signal) -> inflight.set(null))
			.cache();
		return inflight.compareAndSet(null, created) ? created : refresh();
	}

	private record Entry<T>(T value, long fetchedAt) {
	}

}
