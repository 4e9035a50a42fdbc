package io.damselfly.scheduler.metrics;

import java.time.Duration;
import java.util.EnumMap;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;

import io.damselfly.common.schedule.DecisionType;
import io.damselfly.common.schedule.FilterReason;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;

/**
 * The meters of docs/architecture.md#scheduling, registered once so counting costs no lookup:
 * {@code damselfly_scheduler_schedule_total{result}},
 * {@code damselfly_scheduler_filtered_candidates_total{reason}},
 * {@code damselfly_scheduler_back_to_source_total{reason}}, {@code damselfly_scheduler_schedule_seconds}
 * and {@code damselfly_scheduler_reported_bytes_total{source=origin|peer}}; and those of
 * docs/architecture.md#failure-detection-and-ejection:
 * {@code damselfly_scheduler_host_ejections_total{source=breaker|manager}} and
 * {@code damselfly_scheduler_host_breakers{state=open|half_open}}.
 * <p>
 * {@code damselfly_traffic_bytes_total} belongs to the peers, who receive the bytes: a scheduler that
 * counted the same bytes again from the reports would double every sum over the cluster. What it counts
 * from reports goes under its own name.
 */
public class SchedulerMetrics {

	/** Source tag of an ejection by the host's shared breaker. */
	public static final String EJECTED_BY_BREAKER = "breaker";

	/** Source tag of an ejection by the manager. */
	public static final String EJECTED_BY_MANAGER = "manager";

	private final MeterRegistry registry;

	private final Map<DecisionType, Counter> decisions = new EnumMap<>(DecisionType.class);

	private final Map<FilterReason, Counter> filtered = new EnumMap<>(FilterReason.class);

	private final Map<String, Counter> backToSource = new ConcurrentHashMap<>();

	private final Timer latency;

	private final Counter originBytes;

	private final Counter peerBytes;

	private final Map<String, Counter> ejections = new ConcurrentHashMap<>();

	private final Counter refusedReports;

	private final Counter framedReports;

	public SchedulerMetrics(MeterRegistry registry) {
		this.registry = registry;
		for (DecisionType type : DecisionType.values()) {
			decisions.put(type, Counter.builder("damselfly.scheduler.schedule")
				.description("Scheduling attempts by their answer")
				.tag("result", type.name().toLowerCase(Locale.ROOT))
				.register(registry));
		}
		for (FilterReason reason : FilterReason.values()) {
			filtered.put(reason, Counter.builder("damselfly.scheduler.filtered.candidates")
				.description("Sampled candidate parents rejected, by filter reason")
				.tag("reason", reason.tag())
				.register(registry));
		}
		this.latency = Timer.builder("damselfly.scheduler.schedule")
			.description("Time to decide one scheduling attempt, Redis round trips included")
			.publishPercentileHistogram()
			.register(registry);
		for (String reason : new String[] { "seed_first_fetch", "no_parents" }) {
			backToSource(reason, 0);
		}
		this.refusedReports = Counter.builder("damselfly.scheduler.refused.reports")
			.description("Piece report batches refused because they claimed origin pieces from a peer the"
					+ " scheduler had not sent to the origin (forged digests or sizes)")
			.register(registry);
		this.framedReports = Counter.builder("damselfly.scheduler.framed.reports")
			.description("Piece failures or digest mismatches blaming a parent the scheduler never handed to the"
					+ " reporter; counted against no one")
			.register(registry);
		this.originBytes = traffic(registry, "origin");
		this.peerBytes = traffic(registry, "peer");
		for (String source : new String[] { EJECTED_BY_BREAKER, EJECTED_BY_MANAGER }) {
			ejections.put(source, Counter.builder("damselfly.scheduler.host.ejections")
				.description("Hosts ejected: their shared breaker opened (counted by the instance that opened it),"
						+ " or the manager listed their seed node as EJECTED (counted by every instance)")
				.tag("source", source)
				.register(registry));
		}
	}

	private static Counter traffic(MeterRegistry registry, String source) {
		return Counter.builder("damselfly.scheduler.reported.bytes")
			.description("Piece bytes peers reported verified to this scheduler, by where they came from"
					+ " (the peers count what they receive in damselfly_traffic_bytes_total)")
			.baseUnit("bytes")
			.tag("source", source)
			.register(registry);
	}

	public void decided(DecisionType type, Duration took) {
		decisions.get(type).increment();
		latency.record(took);
	}

	public void filtered(FilterReason reason, int count) {
		if (count > 0) {
			filtered.get(reason).increment(count);
		}
	}

	public void backToSource(String reason) {
		backToSource(reason, 1);
	}

	private void backToSource(String reason, int count) {
		backToSource.computeIfAbsent(reason, (r) -> Counter.builder("damselfly.scheduler.back.to.source")
			.description("Peers sent back to the origin, by reason")
			.tag("reason", r)
			.register(registry)).increment(count);
	}

	/** Counts a host ejection; {@code source} is {@link #EJECTED_BY_BREAKER} or {@link #EJECTED_BY_MANAGER}. */
	public void hostEjected(String source) {
		Counter counter = ejections.get(source);
		if (counter == null) {
			throw new IllegalArgumentException("unknown ejection source " + source);
		}
		counter.increment();
	}

	/** Registers the gauge of hosts whose breaker is in {@code state} ({@code open} or {@code half_open}). */
	public void breakerGauge(String state, Supplier<Number> hosts) {
		Gauge.builder("damselfly.scheduler.host.breakers", hosts)
			.description("Hosts whose shared breaker this instance saw in that state in its recent rounds and reports")
			.tag("state", state)
			.register(registry);
	}

	public void framedReport() {
		framedReports.increment();
	}

	public void refusedReport() {
		refusedReports.increment();
	}

	public void traffic(long originByteCount, long peerByteCount) {
		if (originByteCount > 0) {
			originBytes.increment(originByteCount);
		}
		if (peerByteCount > 0) {
			peerBytes.increment(peerByteCount);
		}
	}

}
