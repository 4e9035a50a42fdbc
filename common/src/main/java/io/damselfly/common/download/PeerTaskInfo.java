package io.damselfly.common.download;

/**
 * {@code GET /api/v1/tasks/{taskId}} on a peer daemon: what it holds of a task, for other peers.
 *
 * @param taskId task id
 * @param contentLength bytes, -1 while unknown
 * @param pieceSize bytes per piece
 * @param pieceCount pieces, -1 while unknown
 * @param pieces base64 Redis-order bitmap of the verified pieces it holds
 * @param complete whether it holds every piece
 */
public record PeerTaskInfo(String taskId, long contentLength, long pieceSize, int pieceCount, String pieces,
		boolean complete) {
}
