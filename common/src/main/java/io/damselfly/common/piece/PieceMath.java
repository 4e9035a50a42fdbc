package io.damselfly.common.piece;

/**
 * Piece arithmetic of docs/architecture.md#identity-and-pieces. The piece size is the next power of two of
 * {@code contentLength / 32}, clamped to [min, max] (4 MiB and 64 MiB by default): files up to 128 MiB
 * keep 4 MiB pieces, larger ones get about 32 pieces until 64 MiB pieces (2 GiB and up). Every piece is
 * one request, one upload slot and one report; at 4 MiB those per-piece costs were a quarter of a
 * swarm's CPU (BENCHMARKS.md, "Damselfly against BitTorrent").
 */
public final class PieceMath {

	public static final long MIB = 1024L * 1024L;

	public static final long DEFAULT_MIN_PIECE_SIZE = 4 * MIB;

	public static final long DEFAULT_MAX_PIECE_SIZE = 64 * MIB;

	/** Target number of pieces per task before clamping. */
	public static final long TARGET_PIECES = 32;

	/** Content length when the origin does not say (no Content-Length). */
	public static final long UNKNOWN_LENGTH = -1;

	private PieceMath() {
	}

	public static long pieceSize(long contentLength) {
		return pieceSize(contentLength, DEFAULT_MIN_PIECE_SIZE, DEFAULT_MAX_PIECE_SIZE);
	}

	/**
	 * Piece size for a content length; an unknown length ({@code < 0}) gets the minimum size, since the
	 * first fetcher cuts pieces as the stream arrives.
	 */
	public static long pieceSize(long contentLength, long min, long max) {
		if (min <= 0 || max < min || Long.bitCount(min) != 1 || Long.bitCount(max) != 1) {
			throw new IllegalArgumentException("piece size bounds must be powers of two with 0 < min <= max");
		}
		if (contentLength < 0) {
			return min;
		}
		long target = contentLength / TARGET_PIECES;
		long size = (target <= 1) ? 1 : Long.highestOneBit(target - 1) << 1;
		return Math.max(min, Math.min(max, size));
	}

	/** Number of pieces: 0 for an empty file. */
	public static int pieceCount(long contentLength, long pieceSize) {
		if (contentLength < 0) {
			throw new IllegalArgumentException("content length is unknown");
		}
		return Math.toIntExact((contentLength + pieceSize - 1) / pieceSize);
	}

	/** Byte offset of piece {@code n}. */
	public static long offset(int n, long pieceSize) {
		return n * pieceSize;
	}

	/** Length of piece {@code n}; the last piece may be shorter. */
	public static long length(int n, long contentLength, long pieceSize) {
		int count = pieceCount(contentLength, pieceSize);
		if (n < 0 || n >= count) {
			throw new IllegalArgumentException("piece " + n + " is out of range [0, " + count + ")");
		}
		return Math.min(pieceSize, contentLength - offset(n, pieceSize));
	}

}
