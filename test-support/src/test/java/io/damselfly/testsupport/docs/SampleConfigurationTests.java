package io.damselfly.testsupport.docs;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;

class SampleConfigurationTests {

	private final ConfigurationMetadata metadata = ConfigurationMetadata
		.read(List.of(getClass().getResource("/docs/metadata-sample.json")));

	@Test
	void nestedMapsBecomeDottedKeysAndListsStayWhole(@TempDir Path dir) throws IOException {
		SampleConfiguration sample = sample(dir, """
				# a comment
				server:
				  port: 8081
				damselfly:
				  probe.interval: 2s
				  peer:
				    local-api:
				      allowed-cidrs:
				        - 127.0.0.0/8
				        - ::1/128
				""");
		assertThat(sample.values()).containsExactly(Map.entry("server.port", 8081),
				Map.entry("damselfly.probe.interval", "2s"),
				Map.entry("damselfly.peer.local-api.allowed-cidrs", List.of("127.0.0.0/8", "::1/128")));
		assertThat(sample.problems(metadata, Map.of())).isEmpty();
	}

	@Test
	void unknownKeysDeprecatedKeysAndValuesOtherThanTheDefaultAreProblems(@TempDir Path dir) throws IOException {
		SampleConfiguration sample = sample(dir, """
				server:
				  old-port: 8081
				  prot: 8081
				logging.level.io.damselfly: DEBUG
				damselfly:
				  probe:
				    interval: 3s
				    failure-rate-threshold: 60.0
				  node:
				    idc: eu-west-1
				  peer.local-api.allowed-cidrs: ${ALLOWED_CIDRS}
				""");
		assertThat(sample.problems(metadata, Map.of())).containsExactly("sample.yml: server.old-port is deprecated",
				"sample.yml: server.prot is not a property of this service",
				"sample.yml: damselfly.probe.interval is `3s` but the service runs with `2s` when it is not set");
	}

	@Test
	void theServicesOwnApplicationYmlIsItsDefault(@TempDir Path dir) throws IOException {
		SampleConfiguration sample = sample(dir, "damselfly.probe.interval: 2s\n");
		assertThat(sample.problems(metadata, Map.of("damselfly.probe.interval", "1s"))).containsExactly(
				"sample.yml: damselfly.probe.interval is `2s` but the service runs with `1s` when it is not set"
						+ " (its application.yml)");
	}

	private static SampleConfiguration sample(Path dir, String yaml) throws IOException {
		Path file = dir.resolve("sample.yml");
		Files.writeString(file, yaml);
		return SampleConfiguration.read(file);
	}

}
