package io.damselfly.manager.probe;

import java.time.Duration;

import org.junit.jupiter.api.Test;

import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

import static org.assertj.core.api.Assertions.assertThat;

class ProbePropertiesTests {

	private final ApplicationContextRunner runner = new ApplicationContextRunner()
		.withUserConfiguration(Enable.class);

	@Test
	void defaultsProbeEveryTwoSecondsAndEjectAfterTwoFailuresOfThree() {
		runner.run((context) -> {
			ProbeProperties properties = context.getBean(ProbeProperties.class);
			assertThat(properties.enabled()).isTrue();
			assertThat(properties.interval()).isEqualTo(Duration.ofSeconds(2));
			assertThat(properties.timeout()).isEqualTo(Duration.ofSeconds(1));
			assertThat(properties.path()).isEqualTo("/actuator/health/readiness");
			assertThat(properties.concurrency()).isEqualTo(16);
			assertThat(properties.windowSize()).isEqualTo(3);
			assertThat(properties.minimumProbes()).isEqualTo(2);
			assertThat(properties.failureRateThreshold()).isEqualTo(60);
			assertThat(properties.waitInOpen()).isEqualTo(Duration.ofSeconds(5));
			assertThat(properties.permittedInHalfOpen()).isEqualTo(2);
		});
	}

	@Test
	void probeUrlIsTheNodeUrlAndThePath() {
		runner.withPropertyValues("damselfly.probe.path=health").run((context) -> assertThat(
				context.getBean(ProbeProperties.class).probeUrl("http://127.0.0.1:8090"))
			.isEqualTo("http://127.0.0.1:8090/health"));
	}

	@Test
	void timeoutNotShorterThanIntervalIsRefusedAtStartup() {
		runner.withPropertyValues("damselfly.probe.interval=1s", "damselfly.probe.timeout=1s")
			.run((context) -> assertThat(context).hasFailed()
				.getFailure().rootCause().hasMessageContaining("timeout must be shorter than interval"));
	}

	@Test
	void minimumProbesBeyondTheWindowIsRefusedAtStartup() {
		runner.withPropertyValues("damselfly.probe.window-size=3", "damselfly.probe.minimum-probes=4")
			.run((context) -> assertThat(context).hasFailed()
				.getFailure().rootCause().hasMessageContaining("minimum-probes must not exceed window-size"));
	}

	@Test
	void thresholdOutsideAPercentageIsRefusedAtStartup() {
		runner.withPropertyValues("damselfly.probe.failure-rate-threshold=101")
			.run((context) -> assertThat(context).hasFailed()
				.getFailure().rootCause().hasMessageContaining("failure-rate-threshold must be between 1 and 100"));
	}

	@EnableConfigurationProperties(ProbeProperties.class)
	static class Enable {

	}

}
