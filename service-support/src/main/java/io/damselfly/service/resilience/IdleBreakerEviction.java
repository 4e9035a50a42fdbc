package io.damselfly.service.resilience;

import java.time.Clock;
import java.time.Duration;
import java.util.Comparator;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.github.resilience4j.circuitbreaker.CircuitBreakerRegistry;

/**
 * Removes breakers that nobody has called for a while from their registry, so that a registry with one
 * breaker per origin, parent host or scheduler URL stays bounded, and so do its
 * {@code resilience4j_circuitbreaker_*} meters ({@code TaggedCircuitBreakerMetrics} drops a breaker's
 * meters when it leaves the registry). Code that looks its breaker up by name on each use simply gets a
 * fresh one next time.
 * <p>
 * Use is seen through each breaker's event publisher (every permitted, refused or ignored call emits an
 * event), and that same event runs the sweep, at most once per quarter of {@code idleAfter} or as soon as
 * the limit is passed: no thread and no timer. (Not from the registry's entry-added event: that one fires
 * inside the registry's map update, where removing another entry is not safe.) A breaker idle longer than {@code idleAfter} goes whatever its state, since an open breaker
 * idle for longer than its wait would let its next call through anyway; {@code idleAfter} must therefore
 * exceed the registry's {@code waitDurationInOpenState}. Beyond {@code limit} breakers, the least recently
 * used go first.
 */
public final class IdleBreakerEviction {

	private final CircuitBreakerRegistry registry;

	private final Clock clock;

	private final long idleMillis;

	private final int limit;

	private final Map<String, AtomicLong> lastUsed = new ConcurrentHashMap<>();

	private final AtomicLong lastSweep;

	private IdleBreakerEviction(CircuitBreakerRegistry registry, Clock clock, Duration idleAfter, int limit) {
		if (idleAfter.isNegative() || idleAfter.isZero() || limit < 1) {
			throw new IllegalArgumentException("idleAfter must be positive and limit at least 1");
		}
		this.registry = registry;
		this.clock = clock;
		this.idleMillis = idleAfter.toMillis();
		this.limit = limit;
		this.lastSweep = new AtomicLong(clock.millis());
	}

	/**
	 * Watches {@code registry}: every breaker added from now on is tracked and evicted when idle.
	 * @param idleAfter how long a breaker may go uncalled before it is removed
	 * @param limit the most breakers kept; the least recently used beyond it are removed
	 */
	public static IdleBreakerEviction watch(CircuitBreakerRegistry registry, Clock clock, Duration idleAfter,
			int limit) {
		IdleBreakerEviction eviction = new IdleBreakerEviction(registry, clock, idleAfter, limit);
		registry.getEventPublisher().onEntryAdded((added) -> eviction.added(added.getAddedEntry()));
		registry.getEventPublisher().onEntryRemoved((removed) -> eviction.lastUsed
			.remove(removed.getRemovedEntry().getName()));
		return eviction;
	}

	private void added(CircuitBreaker breaker) {
		String name = breaker.getName();
		AtomicLong used = new AtomicLong(clock.millis());
		lastUsed.put(name, used);
		breaker.getEventPublisher().onEvent((event) -> used(used));
	}

	private void used(AtomicLong used) {
		long now = clock.millis();
		used.set(now);
		long last = lastSweep.get();
		if ((lastUsed.size() > limit || now - last >= idleMillis / 4) && lastSweep.compareAndSet(last, now)) {
			sweep();
		}
	}

	/** Removes the idle breakers, then the least recently used beyond the limit; returns how many went. */
	public int sweep() {
		long now = clock.millis();
		int removed = 0;
		for (Map.Entry<String, AtomicLong> entry : lastUsed.entrySet()) {
			if (now - entry.getValue().get() > idleMillis && remove(entry.getKey())) {
				removed++;
			}
		}
		int excess = lastUsed.size() - limit;
		if (excess > 0) {
			for (String name : lastUsed.entrySet().stream()
				.sorted(Comparator.comparingLong((Map.Entry<String, AtomicLong> e) -> e.getValue().get()))
				.limit(excess)
				.map(Map.Entry::getKey)
				.toList()) {
				if (remove(name)) {
					removed++;
				}
			}
		}
		return removed;
	}

	/** The number of breakers tracked. */
	public int size() {
		return lastUsed.size();
	}

	private boolean remove(String name) {
		lastUsed.remove(name);
		return registry.remove(name).isPresent();
	}

}
