package io.damselfly.peer.download;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;

import io.damselfly.peer.scheduler.SchedulerUnavailableException;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Mono;
import reactor.test.StepVerifier;

import static org.assertj.core.api.Assertions.assertThat;

/** The two budgets of a download waiting for its schedulers, in virtual time. */
class SchedulerOutageRetryTests {

	private static final Duration ANSWERING = Duration.ofSeconds(30);

	private final AtomicInteger calls = new AtomicInteger();

	@Test
	void schedulersThatAreGoneAreGivenAboutTenSeconds() {
		StepVerifier.withVirtualTime(() -> failing(false).retryWhen(SchedulerOutageRetry.of(SchedulerOutageRetry.GONE,
				ANSWERING)))
			.expectSubscription()
			.expectNoEvent(Duration.ofMillis(9749))
			.thenAwait(Duration.ofMillis(1))
			.expectError(SchedulerUnavailableException.class)
			.verify(Duration.ofSeconds(5));
		assertThat(calls).as("the first call and 6 retries").hasValue(7);
	}

	@Test
	void schedulersThatAnswer503AreWaitedForUpToTheOutageWait() {
		StepVerifier.withVirtualTime(() -> failing(true).retryWhen(SchedulerOutageRetry.of(SchedulerOutageRetry.GONE,
				ANSWERING)))
			.expectSubscription()
			.expectNoEvent(Duration.ofSeconds(20))
			.thenAwait(Duration.ofSeconds(10))
			.expectError(SchedulerUnavailableException.class)
			.verify(Duration.ofSeconds(5));
		assertThat(calls.get()).as("retried every 3 s once the backoff tops out").isBetween(13, 15);
	}

	@Test
	void aRedisFailoverThatEndsWithinTheWaitNeverReachesTheOrigin() {
		StepVerifier.withVirtualTime(() -> Mono.defer(() -> (calls.incrementAndGet() < 8)
				? Mono.<String>error(new SchedulerUnavailableException("503", null, true)) : Mono.just("PARENTS"))
			.retryWhen(SchedulerOutageRetry.of(SchedulerOutageRetry.GONE, ANSWERING)))
			.thenAwait(Duration.ofSeconds(15))
			.expectNext("PARENTS")
			.verifyComplete();
	}

	@Test
	void otherErrorsAreNotRetried() {
		StepVerifier.create(Mono.defer(() -> {
			calls.incrementAndGet();
			return Mono.error(new IllegalStateException("disk"));
		}).retryWhen(SchedulerOutageRetry.of(SchedulerOutageRetry.GONE, ANSWERING)))
			.expectError(IllegalStateException.class)
			.verify(Duration.ofSeconds(5));
		assertThat(calls).hasValue(1);
	}

	private Mono<String> failing(boolean answering) {
		return Mono.defer(() -> {
			calls.incrementAndGet();
			return Mono.error(new SchedulerUnavailableException("no scheduler could register", null, answering));
		});
	}

}
