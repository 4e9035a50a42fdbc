package io.damselfly.common;

import io.damselfly.common.piece.PieceBitmap;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class PieceBitmapTests {

	@Test
	void usesRedisBitOrderMostSignificantBitFirst() {
		// SETBIT k 0 1 and SETBIT k 9 1 in Redis give bytes 0x80 0x40.
		PieceBitmap bitmap = PieceBitmap.of(0, 9);
		assertThat(bitmap.toRedisBytes()).containsExactly((byte) 0x80, (byte) 0x40);
		assertThat(PieceBitmap.ofRedisBytes(new byte[] { (byte) 0x80, 0x40 })).isEqualTo(bitmap);
	}

	@Test
	void roundTripsThroughBase64() {
		PieceBitmap bitmap = PieceBitmap.of(1, 2, 3, 17, 499);
		PieceBitmap back = PieceBitmap.fromBase64(bitmap.toBase64());
		assertThat(back.stream().toArray()).containsExactly(1, 2, 3, 17, 499);
		assertThat(back.cardinality()).isEqualTo(5);
		assertThat(back.has(4)).isFalse();
		assertThat(back.has(-1)).isFalse();
		assertThat(back.has(10_000)).isFalse();
	}

	@Test
	void completenessCountsEveryPiece() {
		assertThat(PieceBitmap.full(10).isComplete(10)).isTrue();
		assertThat(PieceBitmap.full(10).isComplete(11)).isFalse();
		assertThat(PieceBitmap.of(0, 1, 3).isComplete(4)).isFalse();
		assertThat(PieceBitmap.empty().isComplete(0)).isTrue();
		assertThat(PieceBitmap.empty().with(5).has(5)).isTrue();
		assertThat(PieceBitmap.fromBase64("").isEmpty()).isTrue();
	}

}
