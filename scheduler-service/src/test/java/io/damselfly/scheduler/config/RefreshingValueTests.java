package io.damselfly.scheduler.config;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;

import io.damselfly.service.lifecycle.BackgroundWork;
import io.damselfly.testsupport.time.MutableClock;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Mono;
import reactor.test.StepVerifier;

import static org.assertj.core.api.Assertions.assertThat;

class RefreshingValueTests {

	private final MutableClock clock = new MutableClock();

	private final BackgroundWork background = new BackgroundWork();

	@Test
	void theFirstReadWaitsForTheFetchAndLaterReadsUseTheCache() {
		AtomicInteger fetches = new AtomicInteger();
		RefreshingValue<Integer> value = new RefreshingValue<>("test value", () -> Mono.fromSupplier(fetches::incrementAndGet),
				(ex, last) -> -1, Duration.ofSeconds(10), clock, background);
		StepVerifier.create(value.get()).expectNext(1).expectComplete().verify(Duration.ofSeconds(5));
		StepVerifier.create(value.get()).expectNext(1).expectComplete().verify(Duration.ofSeconds(5));
		assertThat(fetches).hasValue(1);
	}

	@Test
	void aStaleValueAnswersAtOnceAndIsRefreshedBehind() {
		AtomicInteger fetches = new AtomicInteger();
		RefreshingValue<Integer> value = new RefreshingValue<>("test value", () -> Mono.fromSupplier(fetches::incrementAndGet),
				(ex, last) -> -1, Duration.ofSeconds(10), clock, background);
		StepVerifier.create(value.get()).expectNext(1).expectComplete().verify(Duration.ofSeconds(5));
		clock.advance(Duration.ofSeconds(11));
		StepVerifier.create(value.get()).expectNext(1).expectComplete().verify(Duration.ofSeconds(5));
		StepVerifier.create(value.get()).expectNext(2).expectComplete().verify(Duration.ofSeconds(5));
	}

	@Test
	void aFailedFetchFallsBackToTheLastValueOrTheDefault() {
		AtomicInteger calls = new AtomicInteger();
		RefreshingValue<Integer> value = new RefreshingValue<>("test value",
				() -> (calls.incrementAndGet() == 2) ? Mono.just(7) : Mono.error(new IllegalStateException("down")),
				(ex, last) -> (last != null) ? last : 42, Duration.ofSeconds(1), clock, background);
		StepVerifier.create(value.get()).expectNext(42).expectComplete().verify(Duration.ofSeconds(5));
		clock.advance(Duration.ofSeconds(2));
		StepVerifier.create(value.get()).expectNext(42).expectComplete().verify(Duration.ofSeconds(5));
		StepVerifier.create(value.get()).expectNext(7).expectComplete().verify(Duration.ofSeconds(5));
		clock.advance(Duration.ofSeconds(2));
		value.get().block(Duration.ofSeconds(5));
		StepVerifier.create(value.get()).expectNext(7).expectComplete().verify(Duration.ofSeconds(5));
	}

	@Test
	void aBackgroundRefreshBelongsToTheApplicationAndEndsWithIt() {
		background.start();
		AtomicInteger calls = new AtomicInteger();
		RefreshingValue<Integer> value = new RefreshingValue<>("test value",
				() -> (calls.incrementAndGet() == 1) ? Mono.just(1) : Mono.never(), (ex, last) -> -1,
				Duration.ofSeconds(10), clock, background);
		StepVerifier.create(value.get()).expectNext(1).expectComplete().verify(Duration.ofSeconds(5));
		clock.advance(Duration.ofSeconds(11));

		StepVerifier.create(value.get()).expectNext(1).expectComplete().verify(Duration.ofSeconds(5));
		assertThat(background.size()).as("the refresh of the stale value runs, owned").isEqualTo(1);
		background.stop();

		assertThat(background.size()).as("stopping the application cancels it").isZero();
	}

}
