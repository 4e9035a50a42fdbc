package io.damselfly.peer.source;

/** The origin answered a Range request with the whole body: fetch it as one stream instead. */
public class RangeIgnoredException extends RuntimeException {

	public RangeIgnoredException(String message) {
		super(message);
	}

}
