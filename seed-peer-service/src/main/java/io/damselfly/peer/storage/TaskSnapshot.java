package io.damselfly.peer.storage;

import java.util.BitSet;
import java.util.Map;

import io.damselfly.common.download.PeerTaskInfo;
import io.damselfly.common.piece.PieceBitmap;
import org.jspecify.annotations.Nullable;

/**
 * A consistent copy of what the store holds of a task.
 *
 * @param taskId task id
 * @param peerId the peer id this daemon uses for the task, once registered
 * @param contentLength bytes, -1 while unknown
 * @param pieceSize bytes per piece, 0 while unknown
 * @param pieceCount pieces, -1 while unknown
 * @param held verified pieces on disk
 * @param digests recorded SHA-256 per held piece
 * @param completedBytes bytes of the held pieces
 * @param complete whether every piece is held
 * @param sha256 hex digest of the whole file, once computed
 */
public record TaskSnapshot(String taskId, @Nullable String peerId, long contentLength, long pieceSize, int pieceCount,
		BitSet held, Map<Integer, String> digests, long completedBytes, boolean complete, @Nullable String sha256) {

	public boolean lengthKnown() {
		return contentLength >= 0;
	}

	public boolean has(int piece) {
		return held.get(piece);
	}

	public PeerTaskInfo toPeerTaskInfo() {
		return new PeerTaskInfo(taskId, contentLength, pieceSize, pieceCount, PieceBitmap.fromBitSet(held).toBase64(),
				complete);
	}

}
