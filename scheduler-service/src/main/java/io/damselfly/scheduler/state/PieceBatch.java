package io.damselfly.scheduler.state;

import java.util.List;

import io.damselfly.common.peer.PieceResult;
import org.jspecify.annotations.Nullable;

/**
 * A batch of piece results to apply.
 *
 * @param taskId task
 * @param peerId reporting peer
 * @param contentLength content length when the reporter knows it, else null
 * @param pieceSize piece size when known, else null
 * @param pieceCount piece count when the length is known, else null
 * @param results the results
 * @param taskTtlSeconds task TTL
 * @param peerTtlSeconds peer TTL
 * @param nowMillis now
 */
public record PieceBatch(String taskId, String peerId, @Nullable Long contentLength, @Nullable Long pieceSize,
		@Nullable Integer pieceCount, List<PieceResult> results, long taskTtlSeconds, long peerTtlSeconds,
		long nowMillis) {
}
