package io.damselfly.peer.scheduler;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Comparator;
import java.util.List;

import io.damselfly.common.digest.Digests;

/**
 * Orders schedulers for a task by rendezvous (highest-random-weight) hashing, a form of consistent
 * hashing: one task usually talks to one scheduler, and losing a scheduler moves only the tasks that
 * ranked it first, each to its own next choice.
 */
public final class RendezvousOrder {

	private RendezvousOrder() {
	}

	public static List<String> order(String key, List<String> nodes) {
		return nodes.stream().distinct().sorted(Comparator.comparingLong((String node) -> weight(key, node)).reversed()
			.thenComparing(Comparator.naturalOrder())).toList();
	}

	static long weight(String key, String node) {
		byte[] hash = Digests.newSha256().digest((key + "\n" + node).getBytes(StandardCharsets.UTF_8));
		return ByteBuffer.wrap(hash).getLong();
	}

}
