package io.damselfly.gateway;

import java.time.Duration;
import java.util.Map;

import org.junit.jupiter.api.Test;

import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.MapConfigurationPropertySource;

import static org.assertj.core.api.Assertions.assertThat;

class DamselflyGatewayPropertiesTest {

	@Test
	void defaultsRefreshWithinTwoSeconds() {
		DamselflyGatewayProperties properties = bind(Map.of());

		assertThat(properties.clusterId()).isEqualTo("default");
		assertThat(properties.refreshInterval()).isEqualTo(Duration.ofSeconds(2));
		assertThat(properties.routes().schedulers().retries()).isEqualTo(2);
		assertThat(properties.routes().manager().attemptTimeout()).isEqualTo(Duration.ofSeconds(3));
		assertThat(properties.routes().manager().timeout()).isEqualTo(Duration.ofSeconds(10));
		assertThat(properties.breaker().failureRateThreshold()).isEqualTo(50f);
	}

	@Test
	void routeSettingsBindPerRoute() {
		DamselflyGatewayProperties properties = bind(Map.of("damselfly.gateway.routes.schedulers.retries", "0",
				"damselfly.gateway.routes.manager.timeout", "4s", "damselfly.gateway.cluster-id", "eu-1"));

		assertThat(properties.clusterId()).isEqualTo("eu-1");
		assertThat(properties.routes().schedulers().retries()).isZero();
		assertThat(properties.routes().manager().retries()).isEqualTo(2);
		assertThat(properties.routes().manager().timeout()).isEqualTo(Duration.ofSeconds(4));
	}

	private static DamselflyGatewayProperties bind(Map<String, String> values) {
		return new Binder(new MapConfigurationPropertySource(values)).bindOrCreate("damselfly.gateway",
				DamselflyGatewayProperties.class);
	}

}
