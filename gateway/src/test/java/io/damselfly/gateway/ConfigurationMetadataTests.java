package io.damselfly.gateway;

import io.damselfly.testsupport.docs.ConfigurationMetadata;
import io.damselfly.testsupport.docs.ConfigurationMetadata.Property;
import io.damselfly.testsupport.docs.SampleConfiguration;
import io.damselfly.testsupport.docs.SettingsReference;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What an IDE shows for the gateway's settings is what its record says: every {@code damselfly.*} setting
 * is in the configuration processor's metadata, with the Javadoc of its record and its default. And
 * docs/config/gateway.yml, the sample an operator starts from, sets only properties the gateway has, at
 * the values it runs with.
 */
class ConfigurationMetadataTests {

	private final ConfigurationMetadata metadata = ConfigurationMetadata.load();

	@Test
	void everySettingReachesTheIdeWithItsJavadocAndDefault() {
		assertThat(metadata.property("damselfly.gateway.refresh-interval"))
			.as("the processor ran on the gateway")
			.isNotNull()
			.extracting(Property::type, Property::defaultValue).containsExactly("java.time.Duration", "2s");
		assertThat(metadata.property("damselfly.gateway.routes.manager.retries"))
			.as("an inner record")
			.isNotNull()
			.extracting(Property::defaultValue).isEqualTo("2");
		assertThat(metadata.property("damselfly.gateway.breaker.wait-duration-in-open-state"))
			.as("a record nested from service-support")
			.isNotNull()
			.extracting(Property::defaultValue).isEqualTo("5s");
		assertThat(metadata.problems(SettingsReference.load().settings()))
			.as("the configuration metadata out of step with the records")
			.isEmpty();
	}

	@Test
	void theSampleConfigurationSetsRealPropertiesAtTheValuesTheServiceRunsWith() {
		SampleConfiguration sample = SampleConfiguration.load("docs/config/gateway.yml");
		assertThat(sample.values()).containsKeys("server.port", "damselfly.manager.url", "damselfly.gateway.cluster-id",
				"damselfly.security.join-secret");
		assertThat(sample.problems(metadata)).as("docs/config/gateway.yml out of step with the service")
			.isEmpty();
	}

}
