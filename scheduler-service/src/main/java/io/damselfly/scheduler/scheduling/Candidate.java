package io.damselfly.scheduler.scheduling;

import java.util.Base64;
import java.util.List;

import io.damselfly.common.peer.PeerState;
import io.damselfly.scheduler.host.HostBreaker;
import io.damselfly.scheduler.host.HostRecord;
import io.damselfly.scheduler.host.HostStats;
import org.jspecify.annotations.Nullable;

/**
 * A peer sampled as a possible parent, with everything the filters and the evaluator need, read in
 * the same round trip as the sample.
 *
 * @param peerId the candidate
 * @param hostId its host
 * @param state its state, null when its record expired
 * @param pieces its bitmap of verified pieces, raw Redis bytes
 * @param pieceCount how many pieces it holds
 * @param parents the parents it was last given (for cycle checks and the "running with a parent" rung)
 * @param host its host's last announce, null when it expired
 * @param stats what children reported about its host
 * @param breaker its host's shared breaker
 */
public record Candidate(String peerId, String hostId, @Nullable PeerState state, byte[] pieces, int pieceCount,
		List<String> parents, @Nullable HostRecord host, HostStats stats, HostBreaker breaker) {

	public boolean isSeed() {
		return host != null && host.isSeed();
	}

	/**
	 * Servable (docs/architecture.md#scheduling step 1): holds at least one verified piece, or is a seed holding or fetching
	 * the task (a seed at the origin may have nothing yet: children poll it).
	 */
	public boolean isServable() {
		if (state == null || !state.canServe()) {
			return false;
		}
		return pieceCount > 0 || isSeed();
	}

	/** Running with a parent but no piece yet: admitted only by the ladder's second rung. */
	public boolean isRunningWithoutPieces() {
		return state == PeerState.RUNNING && pieceCount == 0 && !parents.isEmpty();
	}

	public String piecesBase64() {
		return Base64.getEncoder().encodeToString(pieces);
	}

	/** Number of set bits in a Redis bitmap. */
	public static int cardinality(byte[] bitmap) {
		int count = 0;
		for (byte b : bitmap) {
			count += Integer.bitCount(b & 0xff);
		}
		return count;
	}

}
