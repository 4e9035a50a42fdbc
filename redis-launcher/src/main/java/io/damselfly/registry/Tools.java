package io.damselfly.registry;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/** Finding and running the Debian tools the registry drills use. */
public final class Tools {

	public static final String REGISTRY = "docker-registry";

	public static final String SKOPEO = "skopeo";

	private Tools() {
	}

	/** Why the registry drills cannot run here, or empty when both tools are installed. */
	public static Optional<String> missing() {
		List<String> absent = List.of(REGISTRY, SKOPEO).stream().filter((t) -> find(t).isEmpty()).toList();
		return absent.isEmpty() ? Optional.empty()
				: Optional.of(String.join(" and ", absent) + " not on the PATH: install them with"
						+ " 'apt-get install docker-registry skopeo' (Debian) to pull real images through a peer");
	}

	public static Optional<Path> find(String tool) {
		String path = System.getenv("PATH");
		for (String dir : ((path != null) ? path : "/usr/bin:/usr/sbin").split(File.pathSeparator)) {
			Path candidate = Path.of(dir, tool);
			if (Files.isExecutable(candidate)) {
				return Optional.of(candidate);
			}
		}
		return Optional.empty();
	}

	/** Lower-case hex SHA-256 of {@code bytes}. */
	public static String sha256Hex(byte[] bytes) {
		try {
			return java.util.HexFormat.of().formatHex(java.security.MessageDigest.getInstance("SHA-256").digest(bytes));
		}
		catch (java.security.NoSuchAlgorithmException ex) {
			throw new IllegalStateException("every JVM has SHA-256", ex);
		}
	}

	/** What a finished command printed and its exit code. */
	public record Run(int exit, String output) {
	}

	/** Runs a command to its end (at most {@code timeoutSeconds}), its output merged. */
	public static Run run(List<String> command, long timeoutSeconds) throws IOException, InterruptedException {
		Process process = new ProcessBuilder(command).redirectErrorStream(true)
			.redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null"))).start();
		byte[] output = process.getInputStream().readAllBytes();
		if (!process.waitFor(timeoutSeconds, TimeUnit.SECONDS)) {
			process.destroyForcibly();
			return new Run(-1, new String(output, StandardCharsets.UTF_8) + "\n(timed out)");
		}
		return new Run(process.exitValue(), new String(output, StandardCharsets.UTF_8));
	}

}
