package io.damselfly.common.id;

import java.util.HexFormat;
import java.util.regex.Pattern;

/**
 * Validation of the identifiers that arrive from the network. Every handler checks an id with these
 * methods before it touches Redis or the filesystem, so an id can never smuggle a path or a key
 * separator into storage.
 */
public final class Ids {

	/** A task id: 64 lower-case hex characters (a SHA-256). */
	public static final Pattern TASK_ID = Pattern.compile("[0-9a-f]{64}");

	/**
	 * A peer, host, node or download id: 1 to 128 characters of letters, digits, {@code . _ -}. No
	 * slash, no colon, no braces, so it is safe in a path segment, a file name and a Redis key.
	 */
	public static final Pattern NAME_ID = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,127}");

	/** A cluster id: 1 to 64 characters of letters, digits, {@code . _ -}. */
	public static final Pattern CLUSTER_ID = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,63}");

	private Ids() {
	}

	public static boolean isTaskId(String value) {
		return value != null && TASK_ID.matcher(value).matches();
	}

	public static boolean isNameId(String value) {
		return value != null && NAME_ID.matcher(value).matches() && !value.contains("..");
	}

	/**
	 * Returns the task id, or throws with a message that says what is wrong with it.
	 * @throws IllegalArgumentException when the value is not 64 lower-case hex characters
	 */
	public static String requireTaskId(String value) {
		if (!isTaskId(value)) {
			throw new IllegalArgumentException("task id must be 64 lower-case hex characters (sha256), got '"
					+ abbreviate(value) + "'");
		}
		return value;
	}

	/**
	 * Returns the id, or throws with a message that names the kind of id and what is wrong.
	 * @throws IllegalArgumentException when the value does not match {@link #NAME_ID}
	 */
	public static String requireNameId(String kind, String value) {
		if (!isNameId(value)) {
			throw new IllegalArgumentException(kind + " must be 1-128 characters of [A-Za-z0-9._-] starting with a"
					+ " letter or digit, got '" + abbreviate(value) + "'");
		}
		return value;
	}

	/**
	 * Returns the cluster id, or throws with a message that says what is wrong with it.
	 * @throws IllegalArgumentException when the value does not match {@link #CLUSTER_ID}
	 */
	public static String requireClusterId(String value) {
		if (value == null || !CLUSTER_ID.matcher(value).matches() || value.contains("..")) {
			throw new IllegalArgumentException("cluster id must be 1-64 characters of [A-Za-z0-9._-] starting with a"
					+ " letter or digit, got '" + abbreviate(value) + "'");
		}
		return value;
	}

	/**
	 * A peer's id: its host's id, a dash and 8 hex digits. A scheduler tells by it whose peer it is, and
	 * lets a host's token act only for that host's peers ({@link #isPeerOf}).
	 */
	public static String peerId(String hostId, int random) {
		return hostId + "-" + HexFormat.of().toHexDigits(random);
	}

	/** Whether {@code peerId} is one of host {@code hostId}'s ({@link #peerId}): exactly, not by prefix. */
	public static boolean isPeerOf(String hostId, String peerId) {
		int dash = hostId.length();
		return peerId.length() == dash + 9 && peerId.startsWith(hostId) && peerId.charAt(dash) == '-'
				&& peerId.substring(dash + 1).chars().allMatch((c) -> Character.digit(c, 16) >= 0);
	}

	/** Cuts a value for an error message, so a huge input cannot flood a log or a problem body. */
	public static String abbreviate(String value) {
		if (value == null) {
			return "null";
		}
		return (value.length() <= 80) ? value : value.substring(0, 77) + "...";
	}

}
