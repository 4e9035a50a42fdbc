package io.damselfly.scheduler.scheduling;

import java.util.List;
import java.util.Map;
import java.util.Set;

import io.damselfly.common.peer.PeerState;
import io.damselfly.common.task.TaskMeta;
import io.damselfly.scheduler.host.HostBreaker;
import io.damselfly.scheduler.host.HostRecord;
import io.damselfly.scheduler.host.HostStats;
import org.jspecify.annotations.Nullable;

/**
 * Everything one scheduling attempt reads, gathered in at most two round trips (the round script and
 * one MGET of the hosts). The decision is a pure function of this and the cluster config.
 *
 * @param taskId the task
 * @param peerId the requesting peer
 * @param hostId its host
 * @param requesterHost its host's announce, null when unknown or expired
 * @param attempt this attempt's number for the peer (1-based)
 * @param failuresBefore attempts without parents since the peer last had parents
 * @param blocklist parents the peer reported as failing
 * @param servableCount size of the task's servable index
 * @param originCount peers of the task at the origin now
 * @param candidates the sampled candidates
 * @param ancestry parents of the candidates and of their ancestors, as far as read
 * @param seedPeers the task's seed peers holding or fetching it
 * @param triggeredSeedId the seed node triggered for the task, while the mark lives
 * @param task sizes and digests
 */
public record Round(String taskId, String peerId, String hostId, @Nullable HostRecord requesterHost, int attempt,
		int failuresBefore, Set<String> blocklist, int servableCount, int originCount, List<Candidate> candidates,
		Map<String, List<String>> ancestry, List<SeedPeer> seedPeers, @Nullable String triggeredSeedId,
		TaskMeta task) {

	public boolean requesterIsSeed() {
		return requesterHost != null && requesterHost.isSeed();
	}

	/**
	 * A seed peer that holds or fetches the task.
	 *
	 * @param peerId the seed's peer of the task
	 * @param hostId its host
	 * @param state its state
	 * @param host its host's announce, null when expired
	 * @param stats its host's statistics
	 * @param breaker its host's shared breaker
	 */
	public record SeedPeer(String peerId, String hostId, @Nullable PeerState state, @Nullable HostRecord host,
			HostStats stats, HostBreaker breaker) {
	}

}
