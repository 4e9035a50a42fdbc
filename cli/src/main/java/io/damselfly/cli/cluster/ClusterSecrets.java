package io.damselfly.cli.cluster;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.SecureRandom;
import java.security.spec.ECGenParameterSpec;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * The secrets of a local cluster (docs/architecture.md#trust-and-security), generated once in
 * {@code <runDir>/secrets} (files of mode 0600): the admin secret, one join secret per node kind, and
 * the manager's ES256 key pair. They reach each process through its environment, never its command
 * line (which {@code ps} and {@code cluster.json} show), and each process gets only its own kind's
 * secret. The admin token lands in {@code <runDir>/admin.token}.
 */
public final class ClusterSecrets {

	public static final String ADMIN_TOKEN_FILE = "admin.token";

	private static final SecureRandom RANDOM = new SecureRandom();

	private final Path dir;

	private ClusterSecrets(Path dir) {
		this.dir = dir;
	}

	/** Loads the run directory's secrets, generating any that are missing. */
	public static ClusterSecrets in(Path runDir) {
		ClusterSecrets secrets = new ClusterSecrets(runDir.resolve("secrets"));
		try {
			Files.createDirectories(secrets.dir);
			for (String kind : new String[] { "admin", "scheduler", "seed", "peer", "gateway" }) {
				if (!Files.exists(secrets.file(kind))) {
					byte[] bytes = new byte[32];
					RANDOM.nextBytes(bytes);
					writePrivate(secrets.file(kind), Base64.getUrlEncoder().withoutPadding().encodeToString(bytes));
				}
			}
			if (!Files.exists(secrets.file("signing.key")) || !Files.exists(secrets.file("signing.pub"))) {
				KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
				generator.initialize(new ECGenParameterSpec("secp256r1"), RANDOM);
				KeyPair pair = generator.generateKeyPair();
				writePrivate(secrets.file("signing.key"), Base64.getEncoder().encodeToString(pair.getPrivate().getEncoded()));
				writePrivate(secrets.file("signing.pub"), Base64.getEncoder().encodeToString(pair.getPublic().getEncoded()));
			}
		}
		catch (IOException ex) {
			throw new UncheckedIOException("cannot write the cluster's secrets in " + secrets.dir, ex);
		}
		catch (GeneralSecurityException ex) {
			throw new IllegalStateException("cannot generate the manager's signing key", ex);
		}
		return secrets;
	}

	public String admin() {
		return read("admin");
	}

	/** What one process of this kind gets in its environment. */
	public Map<String, String> environment(NodeKind kind) {
		Map<String, String> env = new LinkedHashMap<>();
		switch (kind) {
			case MANAGER -> {
				env.put("DAMSELFLY_SECURITY_ISSUER_ADMIN_SECRET", read("admin"));
				env.put("DAMSELFLY_SECURITY_ISSUER_SCHEDULER_SECRET", read("scheduler"));
				env.put("DAMSELFLY_SECURITY_ISSUER_SEED_SECRET", read("seed"));
				env.put("DAMSELFLY_SECURITY_ISSUER_PEER_SECRET", read("peer"));
				env.put("DAMSELFLY_SECURITY_ISSUER_GATEWAY_SECRET", read("gateway"));
				env.put("DAMSELFLY_SECURITY_ISSUER_SIGNING_KEY", read("signing.key"));
				env.put("DAMSELFLY_SECURITY_ISSUER_PUBLIC_KEY", read("signing.pub"));
				// The admin token of admin.token lasts as long as the cluster does.
				env.put("DAMSELFLY_SECURITY_ISSUER_ADMIN_TOKEN_LIFETIME", "3650d");
			}
			case SCHEDULER -> env.put("DAMSELFLY_SECURITY_JOIN_SECRET", read("scheduler"));
			case SEED -> env.put("DAMSELFLY_SECURITY_JOIN_SECRET", read("seed"));
			case PEER -> env.put("DAMSELFLY_SECURITY_JOIN_SECRET", read("peer"));
			case GATEWAY -> env.put("DAMSELFLY_SECURITY_JOIN_SECRET", read("gateway"));
			case REDIS -> {
			}
		}
		return env;
	}

	/** The admin token written by {@code up}, if the run directory has one. */
	public static Optional<String> adminToken(Path runDir) {
		Path file = runDir.resolve(ADMIN_TOKEN_FILE);
		try {
			return Files.exists(file) ? Optional.of(Files.readString(file).trim()) : Optional.empty();
		}
		catch (IOException ex) {
			throw new UncheckedIOException("cannot read " + file, ex);
		}
	}

	static void writeAdminToken(Path runDir, String token) {
		try {
			writePrivate(runDir.resolve(ADMIN_TOKEN_FILE), token);
		}
		catch (IOException ex) {
			throw new UncheckedIOException("cannot write " + runDir.resolve(ADMIN_TOKEN_FILE), ex);
		}
	}

	private Path file(String name) {
		return dir.resolve(name);
	}

	private String read(String name) {
		try {
			return Files.readString(file(name)).trim();
		}
		catch (IOException ex) {
			throw new UncheckedIOException("cannot read the secret " + file(name), ex);
		}
	}

	/** Creates the file 0600 before anything is written to it, so the secret is never readable by others. */
	private static void writePrivate(Path file, String content) throws IOException {
		Files.deleteIfExists(file);
		Files.createFile(file, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
		Files.writeString(file, content + "\n", StandardCharsets.UTF_8, StandardOpenOption.TRUNCATE_EXISTING);
	}

}
