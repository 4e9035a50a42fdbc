package io.damselfly.common.piece;

import java.util.Arrays;
import java.util.Base64;
import java.util.BitSet;
import java.util.stream.IntStream;

/**
 * A set of piece numbers in the bit order of a Redis bitmap ({@code SETBIT}): piece 0 is the most
 * significant bit of byte 0. On the wire it is base64 of those bytes, so the scheduler can hand the
 * bytes of a Redis {@code GET} straight to a peer. Immutable.
 */
public final class PieceBitmap {

	private static final PieceBitmap EMPTY = new PieceBitmap(new byte[0]);

	private final byte[] bytes;

	private PieceBitmap(byte[] bytes) {
		this.bytes = bytes;
	}

	public static PieceBitmap empty() {
		return EMPTY;
	}

	/** Wraps the raw bytes of a Redis bitmap (copied). */
	public static PieceBitmap ofRedisBytes(byte[] bytes) {
		return new PieceBitmap((bytes != null) ? bytes.clone() : new byte[0]);
	}

	/**
	 * Parses the wire form.
	 * @throws IllegalArgumentException when the text is not base64
	 */
	public static PieceBitmap fromBase64(String base64) {
		if (base64 == null || base64.isEmpty()) {
			return EMPTY;
		}
		return new PieceBitmap(Base64.getDecoder().decode(base64));
	}

	public static PieceBitmap of(int... pieces) {
		return of(IntStream.of(pieces));
	}

	public static PieceBitmap of(IntStream pieces) {
		BitSet set = new BitSet();
		pieces.forEach(set::set);
		return fromBitSet(set);
	}

	/** All pieces of a task of {@code count} pieces. */
	public static PieceBitmap full(int count) {
		return of(IntStream.range(0, count));
	}

	public static PieceBitmap fromBitSet(BitSet set) {
		int length = set.length();
		byte[] out = new byte[(length + 7) / 8];
		for (int i = set.nextSetBit(0); i >= 0; i = set.nextSetBit(i + 1)) {
			out[i / 8] |= (byte) (0x80 >>> (i % 8));
		}
		return new PieceBitmap(out);
	}

	public boolean has(int piece) {
		if (piece < 0 || piece / 8 >= bytes.length) {
			return false;
		}
		return (bytes[piece / 8] & (0x80 >>> (piece % 8))) != 0;
	}

	public int cardinality() {
		int count = 0;
		for (byte b : bytes) {
			count += Integer.bitCount(b & 0xff);
		}
		return count;
	}

	public boolean isEmpty() {
		return cardinality() == 0;
	}

	/** True when pieces 0 to {@code count - 1} are all present. */
	public boolean isComplete(int count) {
		for (int i = 0; i < count; i++) {
			if (!has(i)) {
				return false;
			}
		}
		return true;
	}

	public BitSet toBitSet() {
		BitSet set = new BitSet();
		for (int i = 0; i < bytes.length * 8; i++) {
			if (has(i)) {
				set.set(i);
			}
		}
		return set;
	}

	public IntStream stream() {
		return toBitSet().stream();
	}

	public PieceBitmap with(int piece) {
		BitSet set = toBitSet();
		set.set(piece);
		return fromBitSet(set);
	}

	public byte[] toRedisBytes() {
		return bytes.clone();
	}

	public String toBase64() {
		return Base64.getEncoder().encodeToString(bytes);
	}

	@Override
	public boolean equals(Object other) {
		return other instanceof PieceBitmap that && toBitSet().equals(that.toBitSet());
	}

	@Override
	public int hashCode() {
		return toBitSet().hashCode();
	}

	@Override
	public String toString() {
		return "PieceBitmap" + Arrays.toString(stream().toArray());
	}

}
