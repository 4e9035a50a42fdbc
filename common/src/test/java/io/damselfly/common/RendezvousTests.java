package io.damselfly.common;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;

import io.damselfly.common.digest.Digests;
import io.damselfly.common.hash.Rendezvous;
import io.damselfly.common.node.Node;
import io.damselfly.common.node.NodeState;
import io.damselfly.common.node.NodeType;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class RendezvousTests {

	private static Node seed(String id) {
		return new Node(id, NodeType.SEED_PEER, "default", "http://" + id + ":8090", id, 8090, null, null,
				NodeState.ACTIVE, null, Instant.EPOCH, Instant.EPOCH, Instant.EPOCH);
	}

	private static List<Node> seeds(int count) {
		return IntStream.range(0, count).mapToObj((i) -> seed("seed-" + i)).toList();
	}

	private static String task(int i) {
		return Digests.sha256Hex("task-" + i);
	}

	@Test
	void everyInstancePicksTheSameSeedWhateverTheListOrder() {
		List<Node> seeds = seeds(5);
		List<Node> shuffled = new ArrayList<>(seeds);
		Collections.reverse(shuffled);
		for (int i = 0; i < 50; i++) {
			assertThat(Rendezvous.rank(task(i), shuffled, Node::id)).isEqualTo(Rendezvous.rank(task(i), seeds, Node::id));
		}
	}

	@Test
	void removingASeedMovesOnlyTheTasksItWon() {
		List<Node> seeds = seeds(4);
		List<Node> withoutLast = seeds.subList(0, 3);
		int moved = 0;
		for (int i = 0; i < 400; i++) {
			Node before = Rendezvous.rank(task(i), seeds, Node::id).get(0);
			Node after = Rendezvous.rank(task(i), withoutLast, Node::id).get(0);
			if (!before.equals(after)) {
				assertThat(before.id()).isEqualTo("seed-3");
				moved++;
			}
		}
		assertThat(moved).isPositive();
	}

	@Test
	void spreadsTasksOverTheSeeds() {
		List<Node> seeds = seeds(4);
		Map<String, Integer> wins = new HashMap<>();
		for (int i = 0; i < 2000; i++) {
			wins.merge(Rendezvous.rank(task(i), seeds, Node::id).get(0).id(), 1, Integer::sum);
		}
		assertThat(wins).hasSize(4);
		assertThat(wins.values()).allSatisfy((count) -> assertThat(count).isBetween(350, 650));
	}

	@Test
	void namesAreRankedOnceEachWhateverTheirOrder() {
		List<String> three = List.of("http://s1", "http://s2", "http://s3");
		List<String> order = Rendezvous.rank("task-1", three);
		assertThat(order).containsExactlyInAnyOrderElementsOf(three);
		assertThat(Rendezvous.rank("task-1", List.of("http://s3", "http://s1", "http://s2", "http://s1"))).isEqualTo(order);
		List<String> withoutFirst = three.stream().filter((s) -> !s.equals(order.get(0))).toList();
		assertThat(Rendezvous.rank("task-1", withoutFirst)).containsExactly(order.get(1), order.get(2));
	}

	@Test
	void theRankingListsEverySeedOnceForFailOver() {
		assertThat(Rendezvous.rank(task(1), seeds(3), Node::id)).extracting(Node::id)
			.containsExactlyInAnyOrder("seed-0", "seed-1", "seed-2");
	}

}
