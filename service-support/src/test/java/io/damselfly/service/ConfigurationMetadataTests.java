package io.damselfly.service;

import io.damselfly.testsupport.docs.ConfigurationMetadata;
import io.damselfly.testsupport.docs.ConfigurationMetadata.Property;
import io.damselfly.testsupport.docs.SettingsReference;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What an IDE shows for the settings every service shares is what their records say: every
 * {@code damselfly.*} setting of service-support is in the configuration processor's metadata, with the
 * Javadoc of its record and its default. The services check it again on their own classpath.
 */
class ConfigurationMetadataTests {

	private final ConfigurationMetadata metadata = ConfigurationMetadata.load();

	@Test
	void everySettingReachesTheIdeWithItsJavadocAndDefault() {
		assertThat(metadata.property("damselfly.manager.url"))
			.as("the processor ran on service-support")
			.isNotNull()
			.extracting(Property::type, Property::defaultValue).containsExactly("java.net.URI", "http://127.0.0.1:8081");
		assertThat(metadata.property("damselfly.node.keepalive-interval"))
			.as("another record")
			.isNotNull()
			.extracting(Property::defaultValue).isEqualTo("3s");
		assertThat(metadata.property("damselfly.manager.node-list.expire-after"))
			.as("a record nested from another file")
			.isNotNull()
			.extracting(Property::defaultValue).isEqualTo("2m");
		assertThat(metadata.problems(SettingsReference.load().settings()))
			.as("the configuration metadata out of step with the records")
			.isEmpty();
	}

}
