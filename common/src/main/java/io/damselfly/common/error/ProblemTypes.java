package io.damselfly.common.error;

import java.net.URI;

/**
 * The {@code type} URIs of Damselfly's RFC 9457 problem details. Every service uses these, so a client
 * can switch on the type rather than parse the message.
 */
public final class ProblemTypes {

	public static final String BASE = "https://damselfly.dev/problems/";

	/** A malformed id, body, URL or parameter (400). */
	public static final URI INVALID_REQUEST = URI.create(BASE + "invalid-request");

	/** The call carries no valid credential (401). */
	public static final URI UNAUTHENTICATED = URI.create(BASE + "unauthenticated");

	/** The caller's credential does not grant this call (403). */
	public static final URI FORBIDDEN = URI.create(BASE + "forbidden");

	/** The caller sent more requests than its rate allows (429). */
	public static final URI TOO_MANY_REQUESTS = URI.create(BASE + "too-many-requests");

	/** The thing named does not exist (404). */
	public static final URI NOT_FOUND = URI.create(BASE + "not-found");

	/** The request conflicts with the current state (409). */
	public static final URI CONFLICT = URI.create(BASE + "conflict");

	/** No healthy instance can serve the call, or the node is DOWN (503). */
	public static final URI UNAVAILABLE = URI.create(BASE + "unavailable");

	/** An upstream did not answer in time (504). */
	public static final URI TIMEOUT = URI.create(BASE + "timeout");

	/** A downstream failure that is not the caller's fault (502/500). */
	public static final URI UPSTREAM_ERROR = URI.create(BASE + "upstream-error");

	private ProblemTypes() {
	}

}
