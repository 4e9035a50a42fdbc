package io.damselfly.scheduler.state;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Redis Cluster routes a script by the keys it declares and refuses keys outside their slot, so every
 * {@code redis.call} of the scheduler's scripts must name its key through {@code KEYS[…]}, never a name
 * built from an argument (docs/architecture.md#past-one-machine).
 */
class LuaScriptKeysTests {

	private static final Path SCRIPTS = Path.of("src/main/resources/io/damselfly/scheduler/state");

	private static final Pattern CALL = Pattern.compile("redis\\.call\\('([A-Z]+)'\\s*,\\s*([^,)]*)");

	@Test
	void everyRedisCallNamesADeclaredKey() throws IOException {
		List<String> undeclared = new ArrayList<>();
		int calls = 0;
		try (Stream<Path> files = Files.list(SCRIPTS)) {
			for (Path file : files.filter((f) -> f.toString().endsWith(".lua")).sorted().toList()) {
				Matcher m = CALL.matcher(Files.readString(file));
				while (m.find()) {
					calls++;
					if (!m.group(2).trim().startsWith("KEYS[")) {
						undeclared.add(file.getFileName() + ": " + m.group());
					}
				}
			}
		}
		assertThat(calls).as("redis.call sites found").isGreaterThan(50);
		assertThat(undeclared).isEmpty();
	}

}
