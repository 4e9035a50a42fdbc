package io.damselfly.peer.freshness;

/** The origin could not be asked, and no known generation may be served instead. */
public class OriginUnreachableException extends RuntimeException {

	public OriginUnreachableException(String message) {
		super(message);
	}

}
