package io.damselfly.common.peer;

/** A peer's state within one task. */
public enum PeerState {

	/** Registered, no parent and no piece yet. */
	PENDING,

	/** Downloading from parents. */
	RUNNING,

	/** Downloading from the origin. */
	BACK_TO_SOURCE,

	/** Holds every piece. */
	SUCCEEDED,

	FAILED,

	/** Left the task (deleted its copy or shut down). */
	LEFT;

	/** Whether a peer in this state may serve the pieces it holds. */
	public boolean canServe() {
		return this == RUNNING || this == BACK_TO_SOURCE || this == SUCCEEDED;
	}

}
