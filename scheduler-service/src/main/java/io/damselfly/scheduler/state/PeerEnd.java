package io.damselfly.scheduler.state;

import io.damselfly.common.peer.PeerState;
import org.jspecify.annotations.Nullable;

/**
 * The end of a peer's download.
 *
 * @param taskId task
 * @param peerId peer
 * @param outcome SUCCEEDED, FAILED or LEFT
 * @param contentLength final length (SUCCEEDED), else null
 * @param pieceSize piece size for that length, else null
 * @param pieceCount piece count for that length, else null
 * @param peerTtlSeconds peer TTL
 * @param nowMillis now
 */
public record PeerEnd(String taskId, String peerId, PeerState outcome, @Nullable Long contentLength,
		@Nullable Long pieceSize, @Nullable Integer pieceCount, long peerTtlSeconds, long nowMillis) {
}
