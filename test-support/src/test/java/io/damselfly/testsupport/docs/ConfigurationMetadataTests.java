package io.damselfly.testsupport.docs;

import java.util.List;

import io.damselfly.testsupport.docs.SettingsReference.Setting;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class ConfigurationMetadataTests {

	private final ConfigurationMetadata metadata = ConfigurationMetadata
		.read(List.of(getClass().getResource("/docs/metadata-sample.json")));

	@Test
	void propertiesKeepTheirDescriptionAndDefaultAsText() {
		assertThat(metadata.property("damselfly.probe.interval")).extracting(ConfigurationMetadata.Property::type,
				ConfigurationMetadata.Property::description, ConfigurationMetadata.Property::defaultValue)
			.containsExactly("java.time.Duration", "time between two probe rounds", "2s");
		assertThat(metadata.property("damselfly.peer.local-api.allowed-cidrs").defaultValue())
			.isEqualTo("127.0.0.0/8,::1/128");
		assertThat(metadata.property("damselfly.node.idc").defaultValue()).isNull();
		assertThat(metadata.property("server.old-port").deprecated()).isTrue();
		assertThat(metadata.property("damselfly.nothing")).isNull();
	}

	@Test
	void aKeyIsKnownExactlyOrAsAnEntryOfAMap() {
		assertThat(metadata.knows("server.port")).isTrue();
		assertThat(metadata.knows("logging.level.io.damselfly")).isTrue();
		assertThat(metadata.knows("server.port.extra")).isFalse();
		assertThat(metadata.knows("damselfly.probe")).isFalse();
	}

	@Test
	void settingsMissingUndescribedOrWithAnotherDefaultAreProblems() {
		List<String> problems = metadata.problems(List.of(new Setting("damselfly.probe.interval", "2s", "Probe"),
				new Setting("damselfly.probe.failure-rate-threshold", "60.0", "Probe"),
				new Setting("damselfly.peer.local-api.allowed-cidrs", "127.0.0.0/8,::1/128", "LocalApi"),
				new Setting("damselfly.node.idc", null, "Node"), new Setting("damselfly.probe.timeout", "1s", "Probe"),
				new Setting("damselfly.gateway.breaker.sliding-window-size", "10", "Gateway")));
		assertThat(problems).hasSize(3);
		assertThat(problems.get(0)).startsWith("damselfly.probe.timeout (Probe) is not in the configuration metadata");
		assertThat(problems.get(1)).startsWith("damselfly.gateway.breaker.sliding-window-size defaults to `10` in Gateway"
				+ " but the metadata of example.BreakerSettings says `20`");
		assertThat(problems.get(2)).startsWith("damselfly.gateway.breaker.sliding-window-size (example.BreakerSettings)"
				+ " has no description");
	}

	@Test
	void numbersAreTheSameWhateverTheirSpelling() {
		assertThat(ConfigurationMetadata.sameValue("50", "50.0")).isTrue();
		assertThat(ConfigurationMetadata.sameValue("0.2", "0.20")).isTrue();
		assertThat(ConfigurationMetadata.sameValue("2s", "2000ms")).isFalse();
		assertThat(ConfigurationMetadata.sameValue(null, null)).isTrue();
		assertThat(ConfigurationMetadata.sameValue("1", null)).isFalse();
	}

}
