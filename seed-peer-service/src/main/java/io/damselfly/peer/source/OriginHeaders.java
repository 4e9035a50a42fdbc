package io.damselfly.peer.source;

import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

import org.jspecify.annotations.Nullable;

/**
 * Checks the origin request headers a user passes through (e.g. {@code Authorization}) and drops the
 * ones the daemon must control itself: framing, ranges and encodings.
 */
public final class OriginHeaders {

	private static final Pattern TOKEN = Pattern.compile("[!#$%&'*+.^_`|~0-9A-Za-z-]{1,256}");

	private static final Set<String> CONTROLLED = Set.of("host", "content-length", "transfer-encoding", "connection",
			"range", "if-range", "accept-encoding", "te", "upgrade", "keep-alive", "expect");

	private OriginHeaders() {
	}

	/**
	 * Returns the headers to send to the origin.
	 * @throws IllegalArgumentException naming the first bad header
	 */
	public static Map<String, String> sanitize(@Nullable Map<String, String> headers) {
		Map<String, String> out = new LinkedHashMap<>();
		if (headers == null) {
			return out;
		}
		headers.forEach((name, value) -> {
			if (name == null || !TOKEN.matcher(name).matches()) {
				throw new IllegalArgumentException("headers: '" + name + "' is not a valid header name");
			}
			if (value == null || value.length() > 8192 || value.chars().anyMatch((c) -> c == '\r' || c == '\n' || c == 0)) {
				throw new IllegalArgumentException("headers: the value of '" + name
						+ "' must be at most 8192 characters without CR, LF or NUL");
			}
			if (!CONTROLLED.contains(name.toLowerCase(Locale.ROOT))) {
				out.put(name, value);
			}
		});
		return out;
	}

}
