package io.damselfly.common.task;

import java.time.Instant;
import java.util.Map;

import io.damselfly.common.peer.PeerState;
import org.jspecify.annotations.Nullable;

/**
 * {@code GET /api/v1/tasks/{taskId}} on the scheduler.
 *
 * @param taskId the task
 * @param url origin URL (with filtered query parameters removed)
 * @param state the task's state
 * @param contentLength bytes, or -1 while unknown
 * @param pieceSize bytes per piece, 0 while unknown
 * @param pieceCount number of pieces, -1 while unknown
 * @param pieceDigestsKnown how many piece digests the first fetcher has recorded
 * @param peersByState count of peers per state
 * @param peersAtOrigin peers currently fetching from the origin
 * @param privateContent a peer registered for it with origin credentials ({@code Authorization},
 * cookies): peers serve it to a caller only once the origin has accepted that caller's own credentials
 * @param createdAt first registration of a peer for the task
 * @param updatedAt last change
 */
public record TaskView(String taskId, @Nullable String url, TaskState state, long contentLength, long pieceSize,
		int pieceCount, int pieceDigestsKnown, Map<PeerState, Integer> peersByState, int peersAtOrigin,
		boolean privateContent, @Nullable Instant createdAt, @Nullable Instant updatedAt) {
}
