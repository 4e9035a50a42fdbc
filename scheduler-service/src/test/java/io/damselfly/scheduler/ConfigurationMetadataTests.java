package io.damselfly.scheduler;

import io.damselfly.testsupport.docs.ConfigurationMetadata;
import io.damselfly.testsupport.docs.ConfigurationMetadata.Property;
import io.damselfly.testsupport.docs.SampleConfiguration;
import io.damselfly.testsupport.docs.SettingsReference;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What an IDE shows for a scheduler's settings is what its records say: every {@code damselfly.*} setting
 * is in the configuration processor's metadata, with the Javadoc of its record and its default. And
 * docs/config/scheduler.yml, the sample an operator starts from, sets only properties a scheduler has, at
 * the values it runs with.
 */
class ConfigurationMetadataTests {

	private final ConfigurationMetadata metadata = ConfigurationMetadata.load();

	@Test
	void everySettingReachesTheIdeWithItsJavadocAndDefault() {
		assertThat(metadata.property("damselfly.scheduler.explanation-limit"))
			.as("the processor ran on scheduler-service")
			.isNotNull()
			.extracting(Property::type, Property::defaultValue).containsExactly("java.lang.Integer", "10");
		assertThat(metadata.property("damselfly.scheduler.retry-jitter"))
			.as("a fraction")
			.isNotNull()
			.extracting(Property::defaultValue).isEqualTo("0.2");
		assertThat(metadata.property("damselfly.scheduler.host-breaker.window"))
			.as("a prefix under another record's")
			.isNotNull()
			.extracting(Property::defaultValue).isEqualTo("20");
		assertThat(metadata.property("damselfly.scheduler.seed-breaker.sliding-window-size"))
			.as("a record nested from service-support")
			.isNotNull()
			.extracting(Property::defaultValue).isEqualTo("20");
		assertThat(metadata.problems(SettingsReference.load().settings()))
			.as("the configuration metadata out of step with the records")
			.isEmpty();
	}

	@Test
	void theSampleConfigurationSetsRealPropertiesAtTheValuesTheServiceRunsWith() {
		SampleConfiguration sample = SampleConfiguration.load("docs/config/scheduler.yml");
		assertThat(sample.values()).containsKeys("server.port", "spring.data.redis.url", "damselfly.node.register",
				"damselfly.scheduler.explanation-limit");
		assertThat(sample.problems(metadata)).as("docs/config/scheduler.yml out of step with the service")
			.isEmpty();
	}

}
