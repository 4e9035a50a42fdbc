package io.damselfly.manager.registry;

import java.time.Duration;

import org.junit.jupiter.api.Test;

import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

import static org.assertj.core.api.Assertions.assertThat;

class RegistryPropertiesTests {

	private final ApplicationContextRunner runner = new ApplicationContextRunner()
		.withUserConfiguration(Enable.class);

	@Test
	void defaultsAreTenSecondKeepalivesAndSevenDayRecords() {
		runner.run((context) -> {
			RegistryProperties properties = context.getBean(RegistryProperties.class);
			assertThat(properties.keepaliveTtl()).isEqualTo(Duration.ofSeconds(10));
			assertThat(properties.recordTtl()).isEqualTo(Duration.ofDays(7));
		});
	}

	@Test
	void recordTtlShorterThanKeepaliveTtlIsRefusedAtStartup() {
		runner.withPropertyValues("damselfly.registry.keepalive-ttl=10m", "damselfly.registry.record-ttl=5m")
			.run((context) -> assertThat(context).hasFailed()
				.getFailure().rootCause().hasMessageContaining("record-ttl must be longer than keepalive-ttl"));
	}

	@Test
	void keepaliveTtlBelowAHundredMillisIsRefusedAtStartup() {
		runner.withPropertyValues("damselfly.registry.keepalive-ttl=10ms")
			.run((context) -> assertThat(context).hasFailed()
				.getFailure().rootCause().hasMessageContaining("keepalive-ttl must be at least 100ms"));
	}

	@EnableConfigurationProperties(RegistryProperties.class)
	static class Enable {

	}

}
