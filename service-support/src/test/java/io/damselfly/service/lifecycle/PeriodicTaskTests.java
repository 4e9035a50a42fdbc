package io.damselfly.service.lifecycle;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.Test;
import reactor.core.publisher.Mono;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

class PeriodicTaskTests {

	@Test
	void aFailingRunDoesNotEndTheLoop() {
		AtomicInteger runs = new AtomicInteger();
		PeriodicTask task = PeriodicTask.atFixedRate("failing job", Duration.ZERO, Duration.ofMillis(20),
				() -> Mono.fromRunnable(runs::incrementAndGet).then(Mono.error(new IllegalStateException("boom"))));
		task.start();
		try {
			await().atMost(Duration.ofSeconds(5)).until(() -> runs.get() >= 3);
			assertThat(task.isRunning()).isTrue();
		}
		finally {
			task.stop();
		}
		assertThat(task.isRunning()).isFalse();
	}

	@Test
	void runsNeverOverlapWhenOneOutlastsTheInterval() {
		AtomicInteger inFlight = new AtomicInteger();
		AtomicInteger most = new AtomicInteger();
		AtomicInteger runs = new AtomicInteger();
		PeriodicTask task = PeriodicTask.atFixedRate("slow job", Duration.ZERO, Duration.ofMillis(5),
				() -> Mono.fromRunnable(() -> most.accumulateAndGet(inFlight.incrementAndGet(), Math::max))
					.then(Mono.delay(Duration.ofMillis(30)))
					.doFinally((signal) -> {
						inFlight.decrementAndGet();
						runs.incrementAndGet();
					}));
		task.start();
		try {
			await().atMost(Duration.ofSeconds(5)).until(() -> runs.get() >= 4);
		}
		finally {
			task.stop();
		}
		assertThat(most.get()).isEqualTo(1);
	}

	@Test
	void runsOnceMoreOnStopWhenAsked() {
		AtomicInteger runs = new AtomicInteger();
		PeriodicTask task = PeriodicTask.atFixedRate("flush", Duration.ofHours(1), Duration.ofHours(1),
				() -> Mono.fromRunnable(runs::incrementAndGet)).runOnceMoreOnStop();
		task.start();
		task.stop();
		assertThat(runs.get()).isEqualTo(1);
	}

	@Test
	void aManualTaskIsNotStartedByTheContainer() {
		PeriodicTask task = PeriodicTask.withDelay("announce", () -> Duration.ofSeconds(1), Mono::empty).manualStart();
		assertThat(task.isAutoStartup()).isFalse();
		assertThat(task.isRunning()).isFalse();
	}

	@Test
	void backgroundWorkStopsAfterThePeriodicTasksThatStartWorkThere() {
		PeriodicTask task = PeriodicTask.atFixedRate("probe round", Duration.ZERO, Duration.ofSeconds(1), Mono::empty);
		// Spring stops higher phases first.
		assertThat(new BackgroundWork().getPhase()).isLessThan(task.getPhase());
	}

}
