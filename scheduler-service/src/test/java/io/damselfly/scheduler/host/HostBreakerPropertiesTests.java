package io.damselfly.scheduler.host;

import java.time.Duration;
import java.util.Map;
import java.util.Set;

import jakarta.validation.ConstraintViolation;
import jakarta.validation.Validation;
import jakarta.validation.Validator;
import org.junit.jupiter.api.Test;

import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.MapConfigurationPropertySource;

import static org.assertj.core.api.Assertions.assertThat;

class HostBreakerPropertiesTests {

	private final Validator validator = Validation.buildDefaultValidatorFactory().getValidator();

	private static HostBreakerProperties bind(Map<String, String> properties) {
		return new Binder(new MapConfigurationPropertySource(properties))
			.bindOrCreate("damselfly.scheduler.host-breaker", HostBreakerProperties.class);
	}

	@Test
	void unsetPropertiesTakeTheDocumentedDefaults() {
		assertThat(bind(Map.of())).isEqualTo(HostBreakerProperties.DEFAULTS);
		assertThat(validator.validate(HostBreakerProperties.DEFAULTS)).isEmpty();
		HostBreakerProperties tuned = bind(Map.of("damselfly.scheduler.host-breaker.open-duration", "2s",
				"damselfly.scheduler.host-breaker.digest-mismatch-threshold", "1"));
		assertThat(tuned.openDuration()).isEqualTo(Duration.ofSeconds(2));
		assertThat(tuned.digestMismatchThreshold()).isEqualTo(1);
		assertThat(tuned.window()).isEqualTo(20);
	}

	@Test
	void anIdleTtlThatWouldForgetAnOpenBreakerAndOutOfRangeThresholdsAreRejected() {
		Set<ConstraintViolation<HostBreakerProperties>> violations = validator.validate(new HostBreakerProperties(0, 5, 101,
				3, Duration.ofSeconds(10), 3, 3, Duration.ofSeconds(30), Duration.ofSeconds(20)));
		assertThat(violations).extracting(ConstraintViolation::getMessage).containsExactlyInAnyOrder(
				"window must be between 1 and 200", "failure-rate-threshold must be between 1 and 100",
				"idle-ttl must be longer than open-duration + probation-timeout");
	}

}
