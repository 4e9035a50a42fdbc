package io.damselfly.peer.resilience;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.damselfly.service.resilience.BreakerRegistries;
import io.damselfly.service.resilience.IdleBreakerEviction;
import io.github.resilience4j.circuitbreaker.CircuitBreakerRegistry;
import io.micrometer.core.instrument.MeterRegistry;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The one breaker registry of the daemon, built from the {@link BreakerFamily} beans of its features and
 * observed like every Damselfly registry. The first family is also the default configuration.
 */
@Configuration(proxyBeanMethods = false)
public class BreakerConfiguration {

	@Bean
	CircuitBreakerRegistry circuitBreakerRegistry(List<BreakerFamily> families, MeterRegistry meters,
			java.time.Clock clock) {
		if (families.isEmpty()) {
			throw new IllegalStateException("no breaker family is declared");
		}
		Map<String, io.github.resilience4j.circuitbreaker.CircuitBreakerConfig> configs = new LinkedHashMap<>();
		configs.put(BreakerRegistries.DEFAULT, families.get(0).config());
		families.forEach((family) -> configs.put(family.name(), family.config()));
		CircuitBreakerRegistry registry = BreakerRegistries.observed(configs, meters);
		// One breaker per origin, parent and scheduler URL: idle ones leave with their meters (10 min, far
		// beyond the 5 s wait in OPEN), at most 1000 kept, so the series stay bounded.
		IdleBreakerEviction.watch(registry, clock, java.time.Duration.ofMinutes(10), 1_000);
		return registry;
	}

}
