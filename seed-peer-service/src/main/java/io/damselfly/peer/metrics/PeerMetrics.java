package io.damselfly.peer.metrics;

import java.time.Duration;
import java.util.function.IntSupplier;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;

/**
 * The peer daemon's meters: bytes received by source ({@code damselfly_traffic_bytes_total}), bytes
 * uploaded to other peers, uploads in flight, and piece fetch times.
 */
public class PeerMetrics {

	private final Counter fromOrigin;

	private final Counter fromPeers;

	private final Counter uploaded;

	private final MeterRegistry registry;

	public PeerMetrics(MeterRegistry registry, IntSupplier uploadsInFlight) {
		this.registry = registry;
		this.fromOrigin = Counter.builder("damselfly.traffic.bytes").tag("source", "origin")
			.description("Verified bytes received").baseUnit("bytes").register(registry);
		this.fromPeers = Counter.builder("damselfly.traffic.bytes").tag("source", "peer")
			.description("Verified bytes received").baseUnit("bytes").register(registry);
		this.uploaded = Counter.builder("damselfly.peer.upload.bytes").description("Piece bytes served to other peers")
			.baseUnit("bytes").register(registry);
		Gauge.builder("damselfly.peer.uploads.in.flight", uploadsInFlight, IntSupplier::getAsInt).strongReference(true)
			.description("Piece uploads under way").register(registry);
	}

	public void received(boolean origin, long bytes) {
		(origin ? fromOrigin : fromPeers).increment(bytes);
	}

	public void uploaded(long bytes) {
		uploaded.increment(bytes);
	}

	/**
	 * Records one piece fetch.
	 * @param source {@code origin} or {@code peer}
	 * @param outcome {@code ok} or a failure kind
	 */
	public void pieceFetch(String source, String outcome, Duration took) {
		Timer.builder("damselfly.peer.piece.fetch").tag("source", source).tag("outcome", outcome)
			.description("Time to fetch, verify and write one piece").register(registry).record(took);
	}

}
