package io.damselfly.testsupport.docs;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;

class SettingsReferenceTests {

	@Test
	void componentNamesBecomeBootsCanonicalKebabCase() {
		assertThat(SettingsReference.kebab("keepaliveTtl")).isEqualTo("keepalive-ttl");
		assertThat(SettingsReference.kebab("waitDurationInOpenState")).isEqualTo("wait-duration-in-open-state");
		assertThat(SettingsReference.kebab("window")).isEqualTo("window");
	}

	@Test
	void guideRowsGiveTheirKeyAndDefaultCellOnly(@TempDir Path dir) throws IOException {
		Path guide = dir.resolve("operations.md");
		Files.writeString(guide, """
				| setting | default | meaning |
				|---|---|---|
				| `damselfly.probe.interval` | `2s` | time between probe rounds |
				| `damselfly.node.location` | none | path such as `eu\\|fr` |
				Prose that names `damselfly.storage.dir` is not a row.
				| `spring.data.redis.url` | x | not ours |
				""");
		assertThat(SettingsReference.readGuide(guide)).containsOnlyKeys("damselfly.probe.interval",
				"damselfly.node.location")
			.containsEntry("damselfly.probe.interval", " `2s` ");
	}

	@Test
	void aClasspathWithoutSpringBootBindsNothing() {
		// test-support itself has no @ConfigurationProperties record and no Spring Boot: the scan is empty, not an error.
		assertThat(SettingsReference.scan(getClass().getClassLoader())).isEmpty();
	}

}
