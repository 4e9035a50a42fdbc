package io.damselfly.scheduler.state;

import java.util.List;
import java.util.Map;
import java.util.Set;

import io.damselfly.common.peer.PeerState;
import org.jspecify.annotations.Nullable;

/**
 * What the round script read, before hosts are joined in.
 *
 * @param attempt this attempt's number
 * @param state the requester's state
 * @param hostId the requester's host
 * @param failuresBefore attempts without parents since the peer last had parents
 * @param servableCount size of the servable index
 * @param originCount peers at the origin
 * @param triggeredSeedId the seed node triggered for the task, null when none
 * @param task the task
 * @param blocklist the requester's blocklist
 * @param candidates sampled candidates
 * @param ancestry peer id → parents, for candidates and their ancestors
 * @param seeds seed peers holding or fetching the task
 */
public record RoundData(int attempt, @Nullable PeerState state, String hostId, int failuresBefore, int servableCount,
		int originCount, @Nullable String triggeredSeedId, TaskRecord task, Set<String> blocklist,
		List<CandidateRow> candidates, Map<String, List<String>> ancestry, List<SeedRow> seeds) {

	/**
	 * A sampled candidate as stored.
	 *
	 * @param peerId peer
	 * @param state state, null when its record expired
	 * @param hostId host, empty when its record expired
	 * @param pieces bitmap bytes
	 */
	public record CandidateRow(String peerId, @Nullable PeerState state, String hostId, byte[] pieces) {
	}

	/**
	 * A seed peer of the task.
	 *
	 * @param peerId peer
	 * @param state state
	 * @param hostId host
	 */
	public record SeedRow(String peerId, @Nullable PeerState state, String hostId) {
	}

}
