package io.damselfly.peer.storage;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * Chooses which tasks to evict: least recently used first, never a pinned one (being downloaded or
 * served). Plain, so it is tested without a disk.
 */
public final class EvictionPolicy {

	/**
	 * A stored task as eviction sees it.
	 *
	 * @param taskId task id
	 * @param bytes bytes it takes
	 * @param lastAccessMillis last use
	 * @param pinned whether it is in use
	 */
	public record Candidate(String taskId, long bytes, long lastAccessMillis, boolean pinned) {
	}

	private EvictionPolicy() {
	}

	/**
	 * The least recently used unpinned tasks that free at least {@code bytesToFree}, or all unpinned
	 * tasks when even that is not enough (the caller then sees the shortfall).
	 */
	public static List<Candidate> toFree(List<Candidate> tasks, long bytesToFree) {
		List<Candidate> victims = new ArrayList<>();
		if (bytesToFree <= 0) {
			return victims;
		}
		long freed = 0;
		for (Candidate c : tasks.stream().filter((t) -> !t.pinned())
			.sorted(Comparator.comparingLong(Candidate::lastAccessMillis)).toList()) {
			victims.add(c);
			freed += c.bytes();
			if (freed >= bytesToFree) {
				break;
			}
		}
		return victims;
	}

	/** Unpinned tasks idle since before {@code cutoffMillis}. */
	public static List<Candidate> expired(List<Candidate> tasks, long cutoffMillis) {
		return tasks.stream().filter((t) -> !t.pinned() && t.lastAccessMillis() < cutoffMillis).toList();
	}

}
