package io.damselfly.service.resilience;

import java.time.Duration;

import io.damselfly.testsupport.time.MutableClock;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.github.resilience4j.circuitbreaker.CircuitBreakerRegistry;
import io.github.resilience4j.micrometer.tagged.TaggedCircuitBreakerMetrics;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class IdleBreakerEvictionTests {

	private final MutableClock clock = new MutableClock();

	private final CircuitBreakerRegistry registry = CircuitBreakerRegistry.ofDefaults();

	private final MeterRegistry meters = new SimpleMeterRegistry();

	private final IdleBreakerEviction eviction = IdleBreakerEviction.watch(registry, clock, Duration.ofMinutes(10),
			100);

	IdleBreakerEvictionTests() {
		TaggedCircuitBreakerMetrics.ofCircuitBreakerRegistry(registry).bindTo(meters);
	}

	@Test
	void idleBreakerLeavesTheRegistryWithItsMeters() {
		call(registry.circuitBreaker("parent:gone"));
		assertThat(meters.find("resilience4j.circuitbreaker.state").tag("name", "parent:gone").gauges()).isNotEmpty();
		clock.advance(Duration.ofMinutes(11));
		call(registry.circuitBreaker("parent:busy"));

		assertThat(registry.find("parent:gone")).isEmpty();
		assertThat(meters.find("resilience4j.circuitbreaker.state").tag("name", "parent:gone").gauges()).isEmpty();
		assertThat(meters.find("resilience4j.circuitbreaker.calls").tag("name", "parent:gone").meters()).isEmpty();
		assertThat(registry.find("parent:busy")).isPresent();
	}

	@Test
	void breakerInUseStays() {
		CircuitBreaker busy = registry.circuitBreaker("origin:a:80");
		for (int i = 0; i < 5; i++) {
			clock.advance(Duration.ofMinutes(4));
			call(busy);
		}
		assertThat(registry.find("origin:a:80")).containsSame(busy);
		assertThat(eviction.size()).isEqualTo(1);
	}

	@Test
	void manyPartiesKeepTheBreakerCountAndMetersBounded() {
		for (int i = 0; i < 1_000; i++) {
			clock.advance(Duration.ofMillis(1));
			call(registry.circuitBreaker("parent:host-" + i));
		}
		assertThat(registry.getAllCircuitBreakers()).hasSizeLessThanOrEqualTo(101);
		assertThat(meters.find("resilience4j.circuitbreaker.state").gauges().stream()
			.map((gauge) -> gauge.getId().getTag("name")).distinct()).hasSizeLessThanOrEqualTo(101);
		assertThat(registry.find("parent:host-999")).isPresent();
		assertThat(registry.find("parent:host-0")).isEmpty();
	}

	private static void call(CircuitBreaker breaker) {
		breaker.executeRunnable(() -> {
		});
	}

}

