package io.damselfly.peer.resilience;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.damselfly.service.resilience.BreakerRegistries;
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
	CircuitBreakerRegistry circuitBreakerRegistry(List<BreakerFamily> families, MeterRegistry meters) {
		if (families.isEmpty()) {
			throw new IllegalStateException("no breaker family is declared");
		}
		Map<String, io.github.resilience4j.circuitbreaker.CircuitBreakerConfig> configs = new LinkedHashMap<>();
		configs.put(BreakerRegistries.DEFAULT, families.get(0).config());
		families.forEach((family) -> configs.put(family.name(), family.config()));
		return BreakerRegistries.observed(configs, meters);
	}

}
