package io.damselfly.gateway.ratelimit;

import java.time.Duration;
import java.util.Map;

import org.junit.jupiter.api.Test;

import org.springframework.boot.context.properties.bind.BindException;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.MapConfigurationPropertySource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

class RateLimitPropertiesTests {

	@Test
	void defaultsAllowAHundredCallsASecondWithBurstsOfTwoHundred() {
		RateLimitProperties properties = bind(Map.of());

		assertThat(properties.enabled()).isTrue();
		assertThat(properties.replenishRate()).isEqualTo(100);
		assertThat(properties.burstCapacity()).isEqualTo(200);
		assertThat(properties.requestedTokens()).isEqualTo(1);
		assertThat(properties.timeout()).isEqualTo(Duration.ofMillis(500));
		assertThat(properties.retryAfterSeconds()).isEqualTo(1);
	}

	@Test
	void settingsBindFromTheirKebabCaseKeys() {
		RateLimitProperties properties = bind(Map.of("damselfly.gateway.rate-limit.enabled", "false",
				"damselfly.gateway.rate-limit.replenish-rate", "2", "damselfly.gateway.rate-limit.burst-capacity", "10",
				"damselfly.gateway.rate-limit.requested-tokens", "5", "damselfly.gateway.rate-limit.timeout", "1s"));

		assertThat(properties.enabled()).isFalse();
		assertThat(properties.replenishRate()).isEqualTo(2);
		assertThat(properties.burstCapacity()).isEqualTo(10);
		assertThat(properties.requestedTokens()).isEqualTo(5);
		assertThat(properties.timeout()).isEqualTo(Duration.ofSeconds(1));
		assertThat(properties.retryAfterSeconds()).as("5 tokens at 2 a second").isEqualTo(3);
	}

	@Test
	void aBurstBelowTheRateOrACallDearerThanTheBucketIsRefused() {
		assertThatExceptionOfType(BindException.class)
			.isThrownBy(() -> bind(Map.of("damselfly.gateway.rate-limit.replenish-rate", "300")))
			.havingRootCause().withMessageContaining("burst-capacity (200) must be at least replenish-rate (300)");
		assertThatExceptionOfType(BindException.class)
			.isThrownBy(() -> bind(Map.of("damselfly.gateway.rate-limit.requested-tokens", "201")))
			.havingRootCause().withMessageContaining("every call would be refused");
	}

	private static RateLimitProperties bind(Map<String, String> values) {
		return new Binder(new MapConfigurationPropertySource(values)).bindOrCreate("damselfly.gateway.rate-limit",
				RateLimitProperties.class);
	}

}
