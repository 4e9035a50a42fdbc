package io.damselfly.scheduler.state;

import java.time.Instant;
import java.util.Map;

import io.damselfly.common.peer.PeerState;
import org.jspecify.annotations.Nullable;

/**
 * A task's stored summary.
 *
 * @param taskId task
 * @param url normalized URL
 * @param contentLength bytes, -1 while unknown
 * @param pieceSize bytes per piece, 0 while unknown
 * @param pieceCount pieces, -1 while unknown
 * @param digestsKnown piece digests recorded
 * @param peersByState peers per state
 * @param originCount peers at the origin
 * @param servableCount peers in the servable index
 * @param privateContent a peer registered for it with origin credentials
 * @param createdAt first registration
 * @param updatedAt last change
 */
public record TaskSummary(String taskId, @Nullable String url, long contentLength, long pieceSize, int pieceCount,
		int digestsKnown, Map<PeerState, Integer> peersByState, int originCount, int servableCount,
		boolean privateContent, @Nullable Instant createdAt, @Nullable Instant updatedAt) {
}
