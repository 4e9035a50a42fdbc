package io.damselfly.scheduler.state;

import java.util.List;

/**
 * What applying a batch did.
 *
 * @param status OK, or why nothing was applied
 * @param verdicts per result: {@code A} accepted, {@code M} digest mismatch (not marked), {@code F} failure,
 * {@code U} a failure or mismatch blaming a parent the scheduler never handed to the reporter (counted against no one)
 * @param parentHosts per result, the parent's host id (empty for the origin or when unknown)
 * @param outOfRangePiece the offending piece number (status RANGE, or FORBIDDEN: an origin piece from a
 * peer that was not sent to the origin)
 * @param pieceCount the task's piece count (status RANGE)
 * @param peerState the peer's state (status GONE)
 */
public record BatchOutcome(Status status, String verdicts, List<String> parentHosts, int outOfRangePiece,
		int pieceCount, String peerState) {

	/** Whether the batch was applied. */
	public enum Status {

		OK, NOT_FOUND, GONE, RANGE, FORBIDDEN

	}

}
