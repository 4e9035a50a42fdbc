package io.damselfly.peer.freshness;

import org.jspecify.annotations.Nullable;

/** What the origin said to the revalidation request. */
public sealed interface OriginAnswer {

	/** 304 Not Modified: the known generation is the origin's content. */
	record Same() implements OriginAnswer {
	}

	/**
	 * A 2xx: the content's validator now.
	 * @param validator {@code etag:…}, {@code last-modified:…} or {@code length:…}; null when the origin
	 * gives none of them
	 */
	record Current(@Nullable String validator) implements OriginAnswer {
	}

	/**
	 * The origin refused this request (401, 403, 404, …): the caller must not get the cached bytes.
	 * @param status the origin's status
	 */
	record Refused(int status, String reason) implements OriginAnswer {
	}

	/** The origin could not answer: connection refused, timeout, 5xx or 429. */
	record Unreachable(String reason) implements OriginAnswer {
	}

}
