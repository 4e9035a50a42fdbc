package io.damselfly.scheduler.state;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import io.damselfly.common.peer.PeerState;
import org.jspecify.annotations.Nullable;

/** Decoding of raw script replies: bulk strings arrive as {@code byte[]}, integers as {@code Long}. */
final class Replies {

	private static final byte[] EMPTY = new byte[0];

	private Replies() {
	}

	static String str(@Nullable Object reply) {
		if (reply instanceof byte[] bytes) {
			return new String(bytes, StandardCharsets.UTF_8);
		}
		return (reply != null) ? reply.toString() : "";
	}

	static byte[] bytes(@Nullable Object reply) {
		return (reply instanceof byte[] bytes) ? bytes : EMPTY;
	}

	static long num(@Nullable Object reply, long fallback) {
		if (reply instanceof Long value) {
			return value;
		}
		String text = str(reply);
		if (text.isEmpty()) {
			return fallback;
		}
		try {
			return Long.parseLong(text);
		}
		catch (NumberFormatException ex) {
			return fallback;
		}
	}

	static int integer(@Nullable Object reply, int fallback) {
		return (int) num(reply, fallback);
	}

	@SuppressWarnings("unchecked")
	static List<Object> list(@Nullable Object reply) {
		return (reply instanceof List<?> list) ? (List<Object>) list : List.of();
	}

	/** A script's array reply, which may arrive whole or element by element. */
	static List<Object> unwrap(List<Object> replies) {
		if (replies.size() == 1 && replies.get(0) instanceof List<?>) {
			return list(replies.get(0));
		}
		return replies;
	}

	/** Splits a comma-separated reply without a regular expression: it runs for every ancestor read. */
	static List<String> commaSeparated(@Nullable Object reply) {
		String text = str(reply);
		List<String> parts = new ArrayList<>(4);
		int start = 0;
		for (int comma = text.indexOf(','); comma >= 0; comma = text.indexOf(',', start)) {
			if (comma > start) {
				parts.add(text.substring(start, comma));
			}
			start = comma + 1;
		}
		if (start < text.length()) {
			parts.add(text.substring(start));
		}
		return parts;
	}

	static @Nullable PeerState state(@Nullable Object reply) {
		String text = str(reply);
		if (text.isEmpty()) {
			return null;
		}
		try {
			return PeerState.valueOf(text);
		}
		catch (IllegalArgumentException ex) {
			return null;
		}
	}

	static @Nullable String nonEmpty(@Nullable Object reply) {
		String text = str(reply);
		return text.isEmpty() ? null : text;
	}

}
