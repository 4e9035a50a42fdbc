package io.damselfly.peer;

import io.damselfly.testsupport.docs.ConfigurationMetadata;
import io.damselfly.testsupport.docs.ConfigurationMetadata.Property;
import io.damselfly.testsupport.docs.SampleConfiguration;
import io.damselfly.testsupport.docs.SettingsReference;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What an IDE shows for the peer daemon's settings is what its records say: every {@code damselfly.*}
 * setting is in the configuration processor's metadata, with the Javadoc of its record and its default.
 * And docs/config/peer.yml, the sample an operator starts from, sets only properties the daemon has, at
 * the values it runs with.
 */
class ConfigurationMetadataTests {

	private final ConfigurationMetadata metadata = ConfigurationMetadata.load();

	@Test
	void everySettingReachesTheIdeWithItsJavadocAndDefault() {
		assertThat(metadata.property("damselfly.storage.capacity"))
			.as("the processor ran on seed-peer-service")
			.isNotNull()
			.extracting(Property::type, Property::defaultValue)
			.containsExactly("org.springframework.util.unit.DataSize", "10GB");
		assertThat(metadata.property("damselfly.peer.local-api.allowed-cidrs"))
			.as("a list of two: the processor writes \"[a, b]\" for a record's @DefaultValue of several values,"
					+ " META-INF/additional-spring-configuration-metadata.json gives the items")
			.isNotNull()
			.extracting(Property::defaultValue).isEqualTo("127.0.0.0/8,::1/128");
		assertThat(metadata.property("damselfly.proxy.port"))
			.as("another feature's record")
			.isNotNull()
			.extracting(Property::defaultValue).isEqualTo("65001");
		assertThat(metadata.property("damselfly.peer.origin-breaker.minimum-number-of-calls"))
			.as("a record nested from service-support")
			.isNotNull()
			.extracting(Property::defaultValue).isEqualTo("10");
		assertThat(metadata.problems(SettingsReference.load().settings()))
			.as("the configuration metadata out of step with the records")
			.isEmpty();
	}

	@Test
	void theSampleConfigurationSetsRealPropertiesAtTheValuesTheServiceRunsWith() {
		SampleConfiguration sample = SampleConfiguration.load("docs/config/peer.yml");
		assertThat(sample.values()).containsKeys("server.port", "damselfly.peer.mode", "damselfly.storage.dir",
				"damselfly.security.join-secret");
		assertThat(sample.problems(metadata)).as("docs/config/peer.yml out of step with the service")
			.isEmpty();
	}

}
