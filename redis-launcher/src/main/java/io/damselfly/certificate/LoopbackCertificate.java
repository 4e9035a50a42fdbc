package io.damselfly.certificate;

import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.SecureRandom;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A self-signed certificate for {@code localhost} and {@code 127.0.0.1} (subject alternative names), so
 * that clients verifying host names accept it on loopback. It is its own trust anchor: a client trusts
 * {@link #certificate()} and nothing else. Made by the JDK's {@code keytool} (EC P-256, valid for a
 * year) and written as PEM, which a Spring Boot SSL bundle reads as is:
 * {@code spring.ssl.bundle.pem.<name>.keystore.certificate}, {@code .keystore.private-key} and
 * {@code .truststore.certificate}.
 *
 * @param certificate {@code cert.pem}, the certificate
 * @param privateKey {@code key.pem}, its PKCS#8 private key, mode 0600
 */
public record LoopbackCertificate(Path certificate, Path privateKey) {

	private static final String ALIAS = "damselfly";

	private static final String PASSWORD_VARIABLE = "DAMSELFLY_KEYTOOL_PASSWORD";

	/** The certificate in {@code dir}, made now if need be ({@link #made()}). */
	public static LoopbackCertificate in(Path dir) {
		return at(dir).made();
	}

	/** Where the certificate of {@code dir} is, or is to be made; nothing is read or written. */
	public static LoopbackCertificate at(Path dir) {
		return new LoopbackCertificate(dir.resolve("cert.pem"), dir.resolve("key.pem"));
	}

	/**
	 * This certificate, made now unless its files hold one valid for at least a day more, so a cluster
	 * started again keeps the certificate its callers may already trust.
	 */
	public LoopbackCertificate made() {
		Path dir = certificate.toAbsolutePath().getParent();
		try {
			if (Files.exists(privateKey) && Files.exists(certificate)
					&& x509().getNotAfter().toInstant().isAfter(Instant.now().plus(Duration.ofDays(1)))) {
				return this;
			}
			Files.createDirectories(dir);
			generate(dir);
			return this;
		}
		catch (IOException ex) {
			throw new UncheckedIOException("cannot write a certificate for loopback in " + dir, ex);
		}
	}

	/** The certificate, parsed. */
	public X509Certificate x509() {
		try (InputStream in = Files.newInputStream(certificate)) {
			return (X509Certificate) CertificateFactory.getInstance("X.509").generateCertificate(in);
		}
		catch (IOException ex) {
			throw new UncheckedIOException("cannot read " + certificate, ex);
		}
		catch (GeneralSecurityException ex) {
			throw new IllegalStateException(certificate + " is not an X.509 certificate", ex);
		}
	}

	/** A PKCS#12 trust store holding the certificate alone, for clients that take a {@link KeyStore}. */
	public KeyStore trustStore() {
		try {
			KeyStore store = KeyStore.getInstance("PKCS12");
			store.load(null, null);
			store.setCertificateEntry(ALIAS, x509());
			return store;
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		catch (GeneralSecurityException ex) {
			throw new IllegalStateException("cannot build a trust store of " + certificate, ex);
		}
	}

	/** keytool writes a PKCS#12 store (it cannot write a bare key); the PEM files are taken from it. */
	private void generate(Path dir) throws IOException {
		Path store = dir.resolve(".keytool.p12");
		byte[] random = new byte[24];
		new SecureRandom().nextBytes(random);
		String password = HexFormat.of().formatHex(random);
		Files.deleteIfExists(store);
		try {
			// The password goes by environment, never on the command line, where ps would show it.
			keytool(List.of("-genkeypair", "-alias", ALIAS, "-keyalg", "EC", "-groupname", "secp256r1", "-dname",
					"CN=localhost", "-ext", "SAN=dns:localhost,ip:127.0.0.1", "-validity", "365", "-storetype", "PKCS12",
					"-keystore", store.toString(), "-storepass:env", PASSWORD_VARIABLE), password);
			KeyStore keys = KeyStore.getInstance("PKCS12");
			try (InputStream in = Files.newInputStream(store)) {
				keys.load(in, password.toCharArray());
			}
			PrivateKey key = (PrivateKey) keys.getKey(ALIAS, password.toCharArray());
			writePrivate(privateKey, pem("PRIVATE KEY", key.getEncoded()));
			Files.writeString(certificate, pem("CERTIFICATE", keys.getCertificate(ALIAS).getEncoded()),
					StandardCharsets.US_ASCII);
		}
		catch (GeneralSecurityException ex) {
			throw new IllegalStateException("cannot read the key keytool made in " + store, ex);
		}
		finally {
			Files.deleteIfExists(store);
		}
	}

	private static void keytool(List<String> arguments, String password) throws IOException {
		Path keytool = Path.of(System.getProperty("java.home"), "bin", "keytool");
		List<String> command = new ArrayList<>(List.of(keytool.toString()));
		command.addAll(arguments);
		ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true)
			.redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")));
		builder.environment().put(PASSWORD_VARIABLE, password);
		Process process = builder.start();
		try {
			String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
			if (!process.waitFor(60, TimeUnit.SECONDS) || process.exitValue() != 0) {
				process.destroyForcibly();
				throw new IllegalStateException(keytool + " failed to make a certificate: " + output.strip());
			}
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			process.destroyForcibly();
			throw new IllegalStateException("interrupted while keytool made a certificate", ex);
		}
	}

	private static String pem(String type, byte[] der) {
		return "-----BEGIN " + type + "-----\n" + Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII))
			.encodeToString(der) + "\n-----END " + type + "-----\n";
	}

	/** Creates the file 0600 before the key is written to it, so the key is never readable by others. */
	private static void writePrivate(Path file, String content) throws IOException {
		Files.deleteIfExists(file);
		Files.createFile(file, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
		Files.writeString(file, content, StandardCharsets.US_ASCII, StandardOpenOption.TRUNCATE_EXISTING);
	}

}
