package io.damselfly.registry;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;



/**
 * {@code skopeo}: pushes an OCI layout to a registry, and pulls an image of a registry name that does not
 * resolve, so the only way to it is the mirror its {@code registries.conf} names (a peer's proxy).
 */
public final class Skopeo {

	/** The registry name pulls use; {@code .invalid} never resolves (RFC 2606). */
	public static final String UNRESOLVABLE = "registry.damselfly.invalid";

	private Skopeo() {
	}

	public static Tools.Run push(OciImage image, String registryHostPort, String repository)
			throws IOException, InterruptedException {
		return Tools.run(List.of(binary(), "copy", "--dest-tls-verify=false", "oci:" + image.dir() + ":v1",
				"docker://" + registryHostPort + "/" + repository + ":v1"), 300);
	}

	/**
	 * Writes a {@code registries.conf} whose only route to {@link #UNRESOLVABLE} is the mirror at
	 * {@code mirrorHostPort} (plain HTTP).
	 */
	public static Path registriesConf(Path file, String mirrorHostPort) throws IOException {
		Files.createDirectories(file.getParent());
		Files.writeString(file, String.join("\n", "[[registry]]", "prefix = \"" + UNRESOLVABLE + "\"",
				"location = \"" + UNRESOLVABLE + "\"", "", "[[registry.mirror]]", "location = \"" + mirrorHostPort + "\"",
				"insecure = true", ""));
		return file;
	}

	/** {@code skopeo copy docker://registry.damselfly.invalid/REPO:v1 dir:OUT} through the mirror of {@code conf}. */
	public static Tools.Run pull(Path conf, String repository, Path out) throws IOException, InterruptedException {
		return Tools.run(List.of(binary(), "--registries-conf", conf.toString(), "copy",
				"docker://" + UNRESOLVABLE + "/" + repository + ":v1", "dir:" + out), 300);
	}

	/** How many files of a pulled {@code dir:} hash to their own digest name (layers and config). */
	public static int verifiedBlobs(Path out) throws IOException {
		int ok = 0;
		try (Stream<Path> files = Files.list(out)) {
			for (Path file : files.toList()) {
				String name = file.getFileName().toString();
				if (name.matches("[0-9a-f]{64}") && Tools.sha256Hex(Files.readAllBytes(file)).equals(name)) {
					ok++;
				}
			}
		}
		return ok;
	}

	private static String binary() {
		return Tools.find(Tools.SKOPEO).orElseThrow(() -> new IllegalStateException(Tools.missing().orElse(""))).toString();
	}

}
