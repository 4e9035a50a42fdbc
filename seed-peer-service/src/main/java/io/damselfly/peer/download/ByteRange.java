package io.damselfly.peer.download;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.jspecify.annotations.Nullable;

/**
 * The part of a content an answer carries: all of it, or the one range a {@code Range} header asks for
 * ({@code bytes=a-b}, {@code bytes=a-} or the suffix {@code bytes=-n}, RFC 9110 §14). Several ranges are
 * answered with the whole content, as the RFC allows.
 *
 * @param start the first byte
 * @param end the last byte, inclusive ({@code start - 1} for empty content)
 * @param partial whether this answers a Range request (206) rather than the whole content (200)
 */
public record ByteRange(long start, long end, boolean partial) {

	private static final Pattern RANGE = Pattern.compile("bytes=(\\d{0,18})-(\\d{0,18})");

	/** The range cannot be satisfied: answer 416 with {@code Content-Range: bytes *}{@code /length}. */
	public static final class Unsatisfiable extends RuntimeException {

		public Unsatisfiable(String message) {
			super(message);
		}

	}

	public long length() {
		return Math.max(0, end - start + 1);
	}

	/** {@code bytes a-b/length}, for a partial answer. */
	public String contentRange(long total) {
		return "bytes " + start + "-" + end + "/" + total;
	}

	/**
	 * Resolves a {@code Range} header against content of {@code size} bytes.
	 * @throws Unsatisfiable when the range starts past the end or is malformed
	 */
	public static ByteRange of(@Nullable String header, long size) {
		ByteRange whole = new ByteRange(0, size - 1, false);
		if (header == null || header.contains(",")) {
			return whole;
		}
		Matcher m = RANGE.matcher(header.trim());
		if (!m.matches() || (m.group(1).isEmpty() && m.group(2).isEmpty())) {
			throw new Unsatisfiable("Range '" + header + "' is not bytes=first-[last] or bytes=-suffix");
		}
		long start;
		long end;
		if (m.group(1).isEmpty()) {
			long suffix = Long.parseLong(m.group(2));
			start = Math.max(0, size - suffix);
			end = size - 1;
		}
		else {
			start = Long.parseLong(m.group(1));
			end = m.group(2).isEmpty() ? size - 1 : Math.min(size - 1, Long.parseLong(m.group(2)));
		}
		if (start >= size || end < start) {
			throw new Unsatisfiable("Range '" + header + "' does not overlap the " + size + " bytes of the content");
		}
		return new ByteRange(start, end, true);
	}

}
