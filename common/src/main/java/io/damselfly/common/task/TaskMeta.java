package io.damselfly.common.task;

import java.util.List;

import org.jspecify.annotations.Nullable;

/**
 * What a downloading peer needs to know about a task, handed out with every PARENTS decision: sizes,
 * and the SHA-256 of each piece as recorded by the first fetcher from origin. A receiver verifies each
 * piece against these digests, never against digests a parent offers.
 *
 * @param taskId the task
 * @param contentLength bytes, or -1 while the first fetcher has not learnt it
 * @param pieceSize bytes per piece, 0 while unknown
 * @param pieceCount pieces, -1 while unknown
 * @param pieceDigests hex SHA-256 per piece number; an entry is null while that piece's digest is not
 * known yet (first fetcher still streaming)
 */
public record TaskMeta(String taskId, long contentLength, long pieceSize, int pieceCount,
		List<@Nullable String> pieceDigests) {

	public boolean lengthKnown() {
		return contentLength >= 0 && pieceCount >= 0;
	}

	public @Nullable String digest(int piece) {
		return (piece >= 0 && piece < pieceDigests.size()) ? pieceDigests.get(piece) : null;
	}

}
