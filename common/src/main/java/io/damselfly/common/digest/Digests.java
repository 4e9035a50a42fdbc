package io.damselfly.common.digest;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.regex.Pattern;

/**
 * SHA-256 helpers. Damselfly checks every piece with SHA-256 (not CRC32): a peer that lies must be
 * caught, not only a disk that flips bits.
 */
public final class Digests {

	private static final Pattern HEX64 = Pattern.compile("[0-9a-f]{64}");

	private static final String PREFIX = "sha256:";

	private Digests() {
	}

	public static MessageDigest newSha256() {
		try {
			return MessageDigest.getInstance("SHA-256");
		}
		catch (NoSuchAlgorithmException ex) {
			throw new IllegalStateException("SHA-256 is required by every Java platform", ex);
		}
	}

	public static String sha256Hex(byte[] data) {
		return HexFormat.of().formatHex(newSha256().digest(data));
	}

	public static String sha256Hex(String text) {
		return sha256Hex(text.getBytes(StandardCharsets.UTF_8));
	}

	public static String hex(MessageDigest digest) {
		return HexFormat.of().formatHex(digest.digest());
	}

	public static boolean isSha256Hex(String value) {
		return value != null && HEX64.matcher(value).matches();
	}

	/**
	 * Parses a user digest in the {@code sha256:<64 hex>} form and returns the lower-case hex.
	 * @throws IllegalArgumentException with a message that says what is wrong
	 */
	public static String parseUserDigest(String value) {
		if (value == null || !value.startsWith(PREFIX)) {
			throw new IllegalArgumentException("digest must look like 'sha256:<64 hex characters>'");
		}
		String hex = value.substring(PREFIX.length()).toLowerCase(java.util.Locale.ROOT);
		if (!isSha256Hex(hex)) {
			throw new IllegalArgumentException("digest must look like 'sha256:<64 hex characters>'");
		}
		return hex;
	}

	public static String toUserDigest(String hex) {
		return PREFIX + hex;
	}

}
