package io.damselfly.peer.source;

/**
 * An origin redirect that cannot be followed: no Location, a loop, too many hops, or a target the
 * policy refuses. The redirect's status is kept for the download's error.
 */
public class OriginRedirectException extends RuntimeException {

	private final int status;

	public OriginRedirectException(int status, String message) {
		super("origin answered " + status + ": " + message);
		this.status = status;
	}

	public int status() {
		return status;
	}

}
