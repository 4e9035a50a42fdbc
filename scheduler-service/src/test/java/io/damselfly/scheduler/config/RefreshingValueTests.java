package io.damselfly.scheduler.config;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.concurrent.atomic.AtomicInteger;

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

	private static final class MutableClock extends Clock {

		private Instant now = Instant.parse("2026-01-01T00:00:00Z");

		void advance(Duration duration) {
			now = now.plus(duration);
		}

		@Override
		public ZoneOffset getZone() {
			return ZoneOffset.UTC;
		}

		@Override
		public Clock withZone(java.time.ZoneId zone) {
			return this;
		}

		@Override
		public Instant instant() {
			return now;
		}

	}

}
