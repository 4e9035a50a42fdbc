package io.damselfly.gateway.ratelimit;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongSupplier;

/**
 * Counts the calls the rate limiter let through unchecked because Redis did not answer, and says when to
 * tell the operator: at once for the first, then at most once per interval with how many passed since. One
 * WARN per interval instead of Spring Cloud Gateway's ERROR with a stack trace per call, which during a Redis
 * outage would flood the log at the gateway's full request rate.
 */
public final class FailOpenReport {

	private static final long NEVER = Long.MIN_VALUE;

	private final long intervalNanos;

	private final LongSupplier nanoTime;

	private final AtomicLong total = new AtomicLong();

	private final AtomicLong sinceLastReport = new AtomicLong();

	private final AtomicLong lastReport = new AtomicLong(NEVER);

	private final AtomicBoolean failing = new AtomicBoolean();

	/**
	 * @param interval the least time between two reports
	 * @param nanoTime the clock, {@link System#nanoTime} outside tests
	 */
	public FailOpenReport(Duration interval, LongSupplier nanoTime) {
		this.intervalNanos = interval.toNanos();
		this.nanoTime = nanoTime;
	}

	/**
	 * Counts one call let through unchecked.
	 * @return the number of such calls to report now (this one included), or 0 when a report was made less
	 * than an interval ago
	 */
	public long uncheckedCall() {
		total.incrementAndGet();
		sinceLastReport.incrementAndGet();
		failing.set(true);
		long now = nanoTime.getAsLong();
		long last = lastReport.get();
		if ((last == NEVER || now - last >= intervalNanos) && lastReport.compareAndSet(last, now)) {
			return sinceLastReport.getAndSet(0);
		}
		return 0;
	}

	/**
	 * Notes a call Redis did check.
	 * @return true for the first checked call after unchecked ones, when the operator should hear that rate
	 * limiting is back; the next unchecked call is then reported at once
	 */
	public boolean checkedCall() {
		if (failing.get() && failing.compareAndSet(true, false)) {
			// The next outage is reported at once; what this one let through is in total() and the metric.
			sinceLastReport.set(0);
			lastReport.set(NEVER);
			return true;
		}
		return false;
	}

	/** Every call let through unchecked since the gateway started. */
	public long total() {
		return total.get();
	}

}
