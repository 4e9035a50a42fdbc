package io.damselfly.peer.download;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.BitSet;
import java.util.List;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class PiecePlannerTests {

	record P(String peerId, BitSet pieces, int inFlight) implements PiecePlanner.Parent {
	}

	static BitSet bits(int... n) {
		BitSet set = new BitSet();
		Arrays.stream(n).forEach(set::set);
		return set;
	}

	static List<String> digests(int count, int... unknown) {
		List<String> out = new ArrayList<>();
		for (int i = 0; i < count; i++) {
			int n = i;
			out.add(Arrays.stream(unknown).anyMatch((u) -> u == n) ? null : "d" + i);
		}
		return out;
	}

	@Test
	void fetchesOnlyMissingPiecesWithKnownDigestsThatAParentHoldsRarestFirst() {
		List<P> parents = List.of(new P("a", bits(0, 1, 2, 3), 0), new P("b", bits(1, 2, 3), 0));
		List<Integer> todo = PiecePlanner.fetchable(5, bits(1), digests(5, 3), parents);
		assertThat(todo).containsExactly(0, 2);
	}

	@Test
	void picksTheLeastBusyParentHoldingThePiece() {
		P busy = new P("a", bits(0, 1), 3);
		P idle = new P("b", bits(1), 1);
		assertThat(PiecePlanner.pick(1, List.of(busy, idle))).contains(idle);
		assertThat(PiecePlanner.pick(0, List.of(busy, idle))).contains(busy);
		assertThat(PiecePlanner.pick(2, List.of(busy, idle))).isEmpty();
	}

	@Test
	void needsDigestsWhenAParentHoldsAPieceWhoseDigestIsUnknown() {
		List<P> parents = List.of(new P("a", bits(0, 1, 2), 0));
		assertThat(PiecePlanner.needsDigests(bits(), digests(2), parents)).isTrue();
		assertThat(PiecePlanner.needsDigests(bits(2), digests(2), parents)).isFalse();
	}

	@Test
	void unknownPieceCountStillPlansPiecesWithDigests() {
		List<P> parents = List.of(new P("a", bits(0, 1, 2), 0));
		assertThat(PiecePlanner.fetchable(-1, bits(), digests(2), parents)).containsExactly(0, 1);
	}

}
