package io.damselfly.peer.freshness;

import java.util.Locale;

import org.jspecify.annotations.Nullable;

import org.springframework.http.HttpHeaders;

/**
 * The validator of a content generation, from the origin's answer: its {@code ETag}, else its
 * {@code Last-Modified}, else its length (weak: a file replaced by another of the same length keeps
 * it). Prefixed by kind, so a conditional request knows which header to send.
 */
public final class Validators {

	static final String ETAG = "etag:";

	static final String LAST_MODIFIED = "last-modified:";

	static final String LENGTH = "length:";

	/** The prefix of a generation made for an origin that gave no validator: never served stale. */
	static final String UNVALIDATED = "unvalidated:";

	private Validators() {
	}

	/** The validator of a 2xx answer (200 to HEAD, 206 to a one-byte GET), or null when it has none. */
	static @Nullable String of(HttpHeaders headers, int status) {
		String etag = headers.getETag();
		if (etag != null && !etag.isBlank()) {
			return printable(ETAG + etag.trim());
		}
		String modified = headers.getFirst(HttpHeaders.LAST_MODIFIED);
		if (modified != null && !modified.isBlank()) {
			return printable(LAST_MODIFIED + modified.trim());
		}
		long length = (status == 206) ? total(headers.getFirst(HttpHeaders.CONTENT_RANGE)) : headers.getContentLength();
		String encoding = headers.getFirst(HttpHeaders.CONTENT_ENCODING);
		boolean identity = encoding == null || encoding.equalsIgnoreCase("identity");
		return (length >= 0 && identity) ? LENGTH + length : null;
	}

	/** Whether a generation with this validator may be served when the origin is down. */
	static boolean servableStale(String validator) {
		return !validator.startsWith(UNVALIDATED);
	}

	private static long total(@Nullable String contentRange) {
		if (contentRange == null || !contentRange.toLowerCase(Locale.ROOT).startsWith("bytes ")) {
			return -1;
		}
		String total = contentRange.substring(contentRange.indexOf('/') + 1).trim();
		try {
			return total.equals("*") ? -1 : Long.parseLong(total);
		}
		catch (NumberFormatException ex) {
			return -1;
		}
	}

	/** Keeps the validator within what a registration accepts (printable ASCII, 512 characters). */
	private static @Nullable String printable(String validator) {
		if (validator.length() > 512 || !validator.chars().allMatch((c) -> c >= 0x20 && c <= 0x7e)) {
			return null;
		}
		return validator;
	}

}
