package io.damselfly.peer.transfer;

import java.io.IOException;

/** A parent answered a piece request with another status than 200: it refused to send the piece. */
public class PieceRefusedException extends IOException {

	private final int status;

	public PieceRefusedException(int status, String message) {
		super(message);
		this.status = status;
	}

	/** The parent's HTTP status. */
	public int status() {
		return status;
	}

}
