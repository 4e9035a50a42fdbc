package io.damselfly.peer.health;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;

import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

import org.springframework.boot.health.contributor.AbstractReactiveHealthIndicator;
import org.springframework.boot.health.contributor.Health;

/**
 * Disk I/O of the task storage (docs/architecture.md#failure-detection-and-ejection): a periodic small write and fsync. An I/O error is DOWN at
 * once; latency over the threshold is DOWN once {@code damselfly.health.io-slow-probes} probes in a row
 * (two by default) are slow, so one hiccup of a shared disk does not eject the node. A pending no-space
 * latch is DOWN until a probe succeeds. Every DOWN carries a {@code reason} detail.
 */
public class DiskIoHealthIndicator extends AbstractReactiveHealthIndicator {

	private static final int PROBE_BYTES = 4096;

	private final Path probeFile;

	private final HealthProperties properties;

	private final WriteFailureLatch latch;

	private volatile @Nullable Probe last;

	private volatile int slowInARow;

	/**
	 * One probe's outcome.
	 *
	 * @param latencyMillis write + fsync time
	 * @param error the I/O error, if any
	 */
	record Probe(long latencyMillis, @Nullable String error) {
	}

	public DiskIoHealthIndicator(Path dir, HealthProperties properties, WriteFailureLatch latch) {
		super("disk I/O check failed");
		this.probeFile = dir.resolve(".io-probe");
		this.properties = properties;
		this.latch = latch;
	}

	/** Runs one probe off the event loop and remembers it. */
	public Mono<Void> probe() {
		return Mono.fromCallable(this::probeBlocking).subscribeOn(Schedulers.boundedElastic()).doOnNext((p) -> {
			last = p;
			boolean slow = p.latencyMillis() > properties.ioLatencyThreshold().toMillis();
			slowInARow = slow ? slowInARow + 1 : 0;
			if (p.error() == null && !slow) {
				latch.clear();
			}
		}).then();
	}

	private Probe probeBlocking() {
		long start = System.nanoTime();
		try (FileChannel channel = FileChannel.open(probeFile, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
				StandardOpenOption.TRUNCATE_EXISTING)) {
			ByteBuffer bytes = ByteBuffer.allocate(PROBE_BYTES);
			while (bytes.hasRemaining()) {
				channel.write(bytes);
			}
			channel.force(true);
		}
		catch (IOException ex) {
			return new Probe(elapsed(start), ex.toString());
		}
		finally {
			try {
				Files.deleteIfExists(probeFile);
			}
			catch (IOException ex) {
				// Fail-open: a probe file left behind is 4 KiB and is truncated by the next probe.
			}
		}
		return new Probe(elapsed(start), null);
	}

	private static long elapsed(long start) {
		return Duration.ofNanos(System.nanoTime() - start).toMillis();
	}

	@Override
	protected Mono<Health> doHealthCheck(Health.Builder builder) {
		Mono<Probe> probe = (last != null) ? Mono.justOrEmpty(last) : probe().then(Mono.fromSupplier(() -> last));
		return probe.map((p) -> toHealth(builder, p)).defaultIfEmpty(builder.unknown().build());
	}

	private Health toHealth(Health.Builder builder, Probe p) {
		long threshold = properties.ioLatencyThreshold().toMillis();
		builder.withDetail("latencyMillis", p.latencyMillis()).withDetail("thresholdMillis", threshold);
		String latched = latch.reason();
		if (latched != null) {
			return builder.down().withDetail("reason", latched).build();
		}
		if (p.error() != null) {
			return builder.down().withDetail("reason", "probe failed: " + p.error()).build();
		}
		if (slowInARow >= properties.ioSlowProbes()) {
			return builder.down()
				.withDetail("reason", "write+fsync took " + p.latencyMillis() + " ms > " + threshold + " ms")
				.build();
		}
		return builder.up().build();
	}

}
