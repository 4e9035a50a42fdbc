package io.damselfly.scheduler.seed;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;

import io.damselfly.common.digest.Digests;
import io.damselfly.common.node.Node;
import io.damselfly.common.node.NodeState;
import io.damselfly.common.node.NodeType;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class SeedSelectorTests {

	private final SeedSelector selector = new SeedSelector();

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
			assertThat(selector.rank(task(i), shuffled)).isEqualTo(selector.rank(task(i), seeds));
		}
	}

	@Test
	void removingASeedMovesOnlyTheTasksItWon() {
		List<Node> seeds = seeds(4);
		List<Node> withoutLast = seeds.subList(0, 3);
		int moved = 0;
		for (int i = 0; i < 400; i++) {
			Node before = selector.rank(task(i), seeds).get(0);
			Node after = selector.rank(task(i), withoutLast).get(0);
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
			wins.merge(selector.rank(task(i), seeds).get(0).id(), 1, Integer::sum);
		}
		assertThat(wins).hasSize(4);
		assertThat(wins.values()).allSatisfy((count) -> assertThat(count).isBetween(350, 650));
	}

	@Test
	void theRankingListsEverySeedOnceForFailOver() {
		assertThat(selector.rank(task(1), seeds(3))).extracting(Node::id)
			.containsExactlyInAnyOrder("seed-0", "seed-1", "seed-2");
	}

}
