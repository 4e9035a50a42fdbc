package io.damselfly.scheduler.config;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;

import io.damselfly.testsupport.time.MutableClock;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Mono;
import reactor.test.StepVerifier;

import static org.assertj.core.api.Assertions.assertThat;

class RefreshingValueTests {

	private final MutableClock clock = new MutableClock();

	@Test
	void theFirstReadWaitsForTheFetchAndLaterReadsUseTheCache() {
		AtomicInteger fetches = new AtomicInteger();
		RefreshingValue<Integer> value = new RefreshingValue<>(() -> Mono.fromSupplier(fetches::incrementAndGet),
				(ex, last) -> -1, Duration.ofSeconds(10), clock);
		StepVerifier.create(value.get()).expectNext(1).expectComplete().verify(Duration.ofSeconds(5));
		StepVerifier.create(value.get()).expectNext(1).expectComplete().verify(Duration.ofSeconds(5));
		assertThat(fetches).hasValue(1);
	}

	@Test
	void aStaleValueAnswersAtOnceAndIsRefreshedBehind() {
		AtomicInteger fetches = new AtomicInteger();
		RefreshingValue<Integer> value = new RefreshingValue<>(() -> Mono.fromSupplier(fetches::incrementAndGet),
				(ex, last) -> -1, Duration.ofSeconds(10), clock);
		StepVerifier.create(value.get()).expectNext(1).expectComplete().verify(Duration.ofSeconds(5));
		clock.advance(Duration.ofSeconds(11));
		StepVerifier.create(value.get()).expectNext(1).expectComplete().verify(Duration.ofSeconds(5));
		StepVerifier.create(value.get()).expectNext(2).expectComplete().verify(Duration.ofSeconds(5));
	}

	@Test
	void aFailedFetchFallsBackToTheLastValueOrTheDefault() {
		AtomicInteger calls = new AtomicInteger();
		RefreshingValue<Integer> value = new RefreshingValue<>(
				() -> (calls.incrementAndGet() == 2) ? Mono.just(7) : Mono.error(new IllegalStateException("down")),
				(ex, last) -> (last != null) ? last : 42, Duration.ofSeconds(1), clock);
		StepVerifier.create(value.get()).expectNext(42).expectComplete().verify(Duration.ofSeconds(5));
		clock.advance(Duration.ofSeconds(2));
		StepVerifier.create(value.get()).expectNext(42).expectComplete().verify(Duration.ofSeconds(5));
		StepVerifier.create(value.get()).expectNext(7).expectComplete().verify(Duration.ofSeconds(5));
		clock.advance(Duration.ofSeconds(2));
		value.get().block(Duration.ofSeconds(5));
		StepVerifier.create(value.get()).expectNext(7).expectComplete().verify(Duration.ofSeconds(5));
	}

}
