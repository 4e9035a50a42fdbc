package io.damselfly.cli.cluster;

import java.nio.file.Files;
import java.nio.file.Path;

/** Finds the service jars of a Damselfly checkout ({@code <module>/target/<module>-<version>.jar}). */
public final class Jars {

	public static final String VERSION = "0.1.0-SNAPSHOT";

	private Jars() {
	}

	/**
	 * The project root: {@code DAMSELFLY_HOME}, else system property {@code damselfly.home}, else the
	 * working directory.
	 */
	public static Path home() {
		String env = System.getenv("DAMSELFLY_HOME");
		if (env != null && !env.isBlank()) {
			return Path.of(env).toAbsolutePath();
		}
		String property = System.getProperty("damselfly.home");
		return Path.of((property != null) ? property : ".").toAbsolutePath().normalize();
	}

	/**
	 * The runnable jar of a module.
	 * @throws IllegalStateException naming the build command when the jar is missing
	 */
	public static Path jar(Path home, String module) {
		Path jar = home.resolve(module).resolve("target").resolve(module + "-" + VERSION + ".jar");
		if (!Files.isRegularFile(jar)) {
			throw new IllegalStateException(jar + " is missing: build first with ./mvnw -B -DskipTests package");
		}
		return jar;
	}

}
