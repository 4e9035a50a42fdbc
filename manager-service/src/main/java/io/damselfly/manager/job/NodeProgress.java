package io.damselfly.manager.job;

import java.time.Instant;

import org.jspecify.annotations.Nullable;

/**
 * One target node of a job.
 *
 * @param nodeId the manager's node id of a seed, or the host id a peer announced
 * @param url the node's peer API
 * @param role {@code seed} or {@code peer}
 * @param state pending, running, succeeded, or failed with {@code reason}
 * @param reason why it failed
 * @param bytes bytes of the job's artifacts the node holds
 * @param bytesFromOrigin of which the node fetched from the origin
 * @param startedAt when its first download started
 * @param finishedAt when its last download ended
 * @param durationMs from start to end (or to now while running)
 */
public record NodeProgress(String nodeId, String url, String role, JobState state, @Nullable String reason,
		long bytes, long bytesFromOrigin, @Nullable Instant startedAt, @Nullable Instant finishedAt, long durationMs) {

	public static NodeProgress pending(String nodeId, String url, String role) {
		return new NodeProgress(nodeId, url, role, JobState.PENDING, null, 0, 0, null, null, 0);
	}

}
