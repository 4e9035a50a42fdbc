package io.damselfly.peer.storage;

/**
 * The bytes of a piece did not match what the task requires: wrong SHA-256 or wrong length. The piece
 * is not marked complete.
 */
public class PieceVerificationException extends RuntimeException {

	private final boolean digestMismatch;

	public PieceVerificationException(String message, boolean digestMismatch) {
		super(message);
		this.digestMismatch = digestMismatch;
	}

	/** True for a wrong digest, false for a wrong length. */
	public boolean digestMismatch() {
		return digestMismatch;
	}

}
