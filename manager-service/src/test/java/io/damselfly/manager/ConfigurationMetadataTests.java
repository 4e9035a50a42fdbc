package io.damselfly.manager;

import io.damselfly.testsupport.docs.ConfigurationMetadata;
import io.damselfly.testsupport.docs.ConfigurationMetadata.Property;
import io.damselfly.testsupport.docs.SampleConfiguration;
import io.damselfly.testsupport.docs.SettingsReference;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What an IDE shows for the manager's settings is what its records say: every {@code damselfly.*} setting
 * is in the configuration processor's metadata, with the Javadoc of its record and its default. And
 * docs/config/manager.yml, the sample an operator starts from, sets only properties the manager has, at
 * the values it runs with.
 */
class ConfigurationMetadataTests {

	private final ConfigurationMetadata metadata = ConfigurationMetadata.load();

	@Test
	void everySettingReachesTheIdeWithItsJavadocAndDefault() {
		assertThat(metadata.property("damselfly.probe.interval"))
			.as("the processor ran on manager-service")
			.isNotNull()
			.extracting(Property::type, Property::defaultValue).containsExactly("java.time.Duration", "2s");
		assertThat(metadata.property("damselfly.registry.keepalive-ttl"))
			.as("a record of another package")
			.isNotNull()
			.extracting(Property::defaultValue).isEqualTo("10s");
		assertThat(metadata.property("damselfly.probe.ownership.live-for"))
			.as("a prefix under another record's")
			.isNotNull()
			.extracting(Property::defaultValue).isEqualTo("2s");
		assertThat(metadata.property("damselfly.manager.node-list.stale-after"))
			.as("a record nested from another file, in service-support")
			.isNotNull()
			.extracting(Property::defaultValue).isEqualTo("10s");
		assertThat(metadata.problems(SettingsReference.load().settings()))
			.as("the configuration metadata out of step with the records")
			.isEmpty();
	}

	@Test
	void theSampleConfigurationSetsRealPropertiesAtTheValuesTheServiceRunsWith() {
		SampleConfiguration sample = SampleConfiguration.load("docs/config/manager.yml");
		assertThat(sample.values()).containsKeys("server.port", "spring.data.redis.url", "damselfly.probe.interval",
				"damselfly.security.issuer.admin-secret");
		assertThat(sample.problems(metadata)).as("docs/config/manager.yml out of step with the service")
			.isEmpty();
	}

}
