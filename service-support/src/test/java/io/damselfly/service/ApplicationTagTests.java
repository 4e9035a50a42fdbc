package io.damselfly.service;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import org.junit.jupiter.api.Test;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.micrometer.metrics.autoconfigure.CompositeMeterRegistryAutoConfiguration;
import org.springframework.boot.micrometer.metrics.autoconfigure.MetricsAutoConfiguration;
import org.springframework.boot.micrometer.metrics.autoconfigure.export.simple.SimpleMetricsExportAutoConfiguration;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

import static org.assertj.core.api.Assertions.assertThat;

class ApplicationTagTests {

	private final ApplicationContextRunner runner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(MetricsAutoConfiguration.class,
				SimpleMetricsExportAutoConfiguration.class, CompositeMeterRegistryAutoConfiguration.class,
				org.springframework.boot.webclient.autoconfigure.WebClientAutoConfiguration.class,
				ServiceSupportAutoConfiguration.class));

	@Test
	void everyMeterCarriesTheApplicationName() {
		runner.withPropertyValues("spring.application.name=scheduler-service").run((context) -> {
			MeterRegistry meters = context.getBean(MeterRegistry.class);
			Counter counter = meters.counter("damselfly.traffic.bytes", "source", "peer");
			assertThat(counter.getId().getTag("application")).isEqualTo("scheduler-service");
		});
	}

}
