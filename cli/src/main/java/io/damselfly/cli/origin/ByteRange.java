package io.damselfly.cli.origin;

import java.io.IOException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.sun.net.httpserver.HttpExchange;
import org.jspecify.annotations.Nullable;

/**
 * The part of a file an origin sends for a request: all of it, or the single {@code bytes=from-[to]}
 * range the request asks for (RFC 9110 §14). Shared by the demo origin and the benchmark's throttled
 * origin, which must answer ranges the same way real origins do.
 *
 * @param start the first byte
 * @param end the last byte, inclusive ({@code start - 1} for an empty file)
 * @param partial whether this answers a Range request (206) rather than the whole file (200)
 */
public record ByteRange(long start, long end, boolean partial) {

	private static final Pattern RANGE = Pattern.compile("bytes=(\\d{1,18})-(\\d{0,18})");

	public long length() {
		return Math.max(0, end - start + 1);
	}

	public int status() {
		return partial ? 206 : 200;
	}

	/**
	 * Resolves the exchange's Range header against a file of {@code size} bytes and sets
	 * {@code Content-Range} for a partial answer. A range that cannot be satisfied (or that this origin
	 * does not understand, such as several ranges) is answered with 416 here, and null is returned.
	 */
	public static @Nullable ByteRange answer(HttpExchange exchange, long size) throws IOException {
		String header = exchange.getRequestHeaders().getFirst("Range");
		if (header == null) {
			return new ByteRange(0, size - 1, false);
		}
		Matcher m = RANGE.matcher(header.trim());
		if (!m.matches() || Long.parseLong(m.group(1)) >= size) {
			exchange.getResponseHeaders().add("Content-Range", "bytes */" + size);
			exchange.sendResponseHeaders(416, -1);
			return null;
		}
		long start = Long.parseLong(m.group(1));
		long end = m.group(2).isEmpty() ? size - 1 : Math.min(size - 1, Long.parseLong(m.group(2)));
		if (end < start) {
			exchange.getResponseHeaders().add("Content-Range", "bytes */" + size);
			exchange.sendResponseHeaders(416, -1);
			return null;
		}
		exchange.getResponseHeaders().add("Content-Range", "bytes " + start + "-" + end + "/" + size);
		return new ByteRange(start, end, true);
	}

}
