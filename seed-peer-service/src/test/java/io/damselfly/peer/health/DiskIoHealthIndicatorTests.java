package io.damselfly.peer.health;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import reactor.core.publisher.Mono;
import reactor.test.StepVerifier;

import org.springframework.boot.health.contributor.Status;

import static org.assertj.core.api.Assertions.assertThat;

class DiskIoHealthIndicatorTests {

	@TempDir
	Path dir;

	final WriteFailureLatch latch = new WriteFailureLatch();

	static HealthProperties slowAfter(Duration threshold, int probes) {
		return new HealthProperties(85, Duration.ofSeconds(2), threshold, probes, 95, Duration.ofSeconds(1));
	}

	@Test
	void aProbeThatCannotWriteIsDownAtOnce() {
		DiskIoHealthIndicator io = new DiskIoHealthIndicator(dir.resolve("missing"), slowAfter(Duration.ofSeconds(5), 2),
				latch);
		StepVerifier.create(io.probe().then(Mono.defer(io::health))).assertNext((health) -> {
			assertThat(health.getStatus()).isEqualTo(Status.DOWN);
			assertThat(String.valueOf(health.getDetails().get("reason"))).startsWith("probe failed: ")
				.contains("NoSuchFileException");
		}).expectComplete().verify(Duration.ofSeconds(5));
	}

	@Test
	void noSpaceOnAnyWriteIsDownAtOnceAndAGoodProbeClearsIt() {
		DiskIoHealthIndicator io = new DiskIoHealthIndicator(dir, slowAfter(Duration.ofSeconds(5), 2), latch);
		StepVerifier.create(io.probe().then(Mono.defer(io::health)))
			.assertNext((health) -> assertThat(health.getStatus()).isEqualTo(Status.UP))
			.expectComplete()
			.verify(Duration.ofSeconds(5));
		latch.onWriteFailure(new IOException("No space left on device"));
		StepVerifier.create(io.health()).assertNext((health) -> {
			assertThat(health.getStatus()).isEqualTo(Status.DOWN);
			assertThat(health.getDetails()).containsEntry("reason", "write failed: No space left on device");
		}).expectComplete().verify(Duration.ofSeconds(5));
		StepVerifier.create(io.probe().then(Mono.defer(io::health)))
			.assertNext((health) -> assertThat(health.getStatus()).isEqualTo(Status.UP))
			.expectComplete()
			.verify(Duration.ofSeconds(5));
		assertThat(latch.reason()).isNull();
	}

	@Test
	void otherWriteFailuresDoNotLatch() {
		latch.onWriteFailure(new IOException("Input/output error"));
		assertThat(latch.reason()).isNull();
	}

	@Test
	void slowProbesTurnItDownOnceTheConfiguredNumberInARowIsReached() {
		DiskIoHealthIndicator io = new DiskIoHealthIndicator(dir, slowAfter(Duration.ofMillis(-1), 2), latch);
		StepVerifier.create(io.probe().then(Mono.defer(io::health)))
			.assertNext((health) -> assertThat(health.getStatus()).isEqualTo(Status.UP))
			.expectComplete()
			.verify(Duration.ofSeconds(5));
		StepVerifier.create(io.probe().then(Mono.defer(io::health))).assertNext((health) -> {
			assertThat(health.getStatus()).isEqualTo(Status.DOWN);
			assertThat(String.valueOf(health.getDetails().get("reason"))).matches("write\\+fsync took \\d+ ms > -1 ms");
		}).expectComplete().verify(Duration.ofSeconds(5));
	}

}
