package io.damselfly.peer.download;

import java.util.ArrayList;
import java.util.BitSet;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

import org.jspecify.annotations.Nullable;

/**
 * Decides which pieces to fetch and from which parent. Plain, so it is tested without a network.
 */
public final class PiecePlanner {

	/** A parent as the planner sees it. */
	public interface Parent {

		String peerId();

		BitSet pieces();

		int inFlight();

	}

	private PiecePlanner() {
	}

	/**
	 * Pieces to fetch now: not held, with a known digest (a piece that cannot be verified is never
	 * accepted), held by at least one parent. Rarest first, so a swarm spreads pieces; then in order.
	 * @param pieceCount pieces of the task, -1 while unknown
	 */
	public static List<Integer> fetchable(int pieceCount, BitSet held, List<@Nullable String> digests,
			List<? extends Parent> parents) {
		BitSet offered = new BitSet();
		parents.forEach((p) -> offered.or(p.pieces()));
		List<Integer> out = new ArrayList<>();
		for (int n = offered.nextSetBit(0); n >= 0; n = offered.nextSetBit(n + 1)) {
			if ((pieceCount < 0 || n < pieceCount) && !held.get(n) && n < digests.size() && digests.get(n) != null) {
				out.add(n);
			}
		}
		out.sort(Comparator.comparingInt((Integer n) -> holders(n, parents)).thenComparingInt((n) -> n));
		return out;
	}

	/** True when a parent holds a piece this peer lacks but whose digest is not known yet. */
	public static boolean needsDigests(BitSet held, List<@Nullable String> digests, List<? extends Parent> parents) {
		for (Parent p : parents) {
			BitSet pieces = p.pieces();
			for (int n = pieces.nextSetBit(0); n >= 0; n = pieces.nextSetBit(n + 1)) {
				if (!held.get(n) && (n >= digests.size() || digests.get(n) == null)) {
					return true;
				}
			}
		}
		return false;
	}

	/** The parent for a piece: among those holding it, the one with fewest fetches in flight, then the scheduler's order. */
	public static <P extends Parent> Optional<P> pick(int piece, List<P> parents) {
		P best = null;
		for (P p : parents) {
			if (p.pieces().get(piece) && (best == null || p.inFlight() < best.inFlight())) {
				best = p;
			}
		}
		return Optional.ofNullable(best);
	}

	private static int holders(int piece, List<? extends Parent> parents) {
		int count = 0;
		for (Parent p : parents) {
			if (p.pieces().get(piece)) {
				count++;
			}
		}
		return count;
	}

}
