package io.damselfly.common;

import io.damselfly.common.piece.PieceMath;
import org.junit.jupiter.api.Test;

import static io.damselfly.common.piece.PieceMath.MIB;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

class PieceMathTests {

	@Test
	void smallFilesUseTheMinimumPieceSize() {
		assertThat(PieceMath.pieceSize(0)).isEqualTo(4 * MIB);
		assertThat(PieceMath.pieceSize(1)).isEqualTo(4 * MIB);
		assertThat(PieceMath.pieceSize(128 * MIB)).isEqualTo(4 * MIB);
	}

	@Test
	void pieceSizeIsTheNextPowerOfTwoOfOneThirtySecond() {
		// 192 MiB / 32 = 6 MiB -> 8 MiB
		assertThat(PieceMath.pieceSize(192 * MIB)).isEqualTo(8 * MIB);
		// exactly 512 MiB / 32 = 16 MiB stays 16 MiB: 32 pieces
		assertThat(PieceMath.pieceSize(512 * MIB)).isEqualTo(16 * MIB);
		assertThat(PieceMath.pieceSize(512 * MIB + 32)).isEqualTo(32 * MIB);
		assertThat(PieceMath.pieceSize(1024 * MIB)).isEqualTo(32 * MIB);
		assertThat(PieceMath.pieceSize(2048 * MIB)).isEqualTo(64 * MIB);
	}

	@Test
	void hugeFilesAreClampedToTheMaximum() {
		assertThat(PieceMath.pieceSize(1024L * 1024 * MIB)).isEqualTo(64 * MIB);
	}

	@Test
	void unknownLengthUsesTheMinimum() {
		assertThat(PieceMath.pieceSize(PieceMath.UNKNOWN_LENGTH)).isEqualTo(4 * MIB);
		assertThat(PieceMath.pieceSize(-1, 64 * 1024, 4 * MIB)).isEqualTo(64 * 1024);
	}

	@Test
	void countsOffsetsAndLengthsCoverTheFileExactly() {
		long length = 10 * MIB + 3;
		long size = 4 * MIB;
		int count = PieceMath.pieceCount(length, size);
		assertThat(count).isEqualTo(3);
		long total = 0;
		for (int n = 0; n < count; n++) {
			assertThat(PieceMath.offset(n, size)).isEqualTo(total);
			total += PieceMath.length(n, length, size);
		}
		assertThat(total).isEqualTo(length);
		assertThat(PieceMath.length(2, length, size)).isEqualTo(2 * MIB + 3);
		assertThat(PieceMath.pieceCount(0, size)).isZero();
		assertThat(PieceMath.pieceCount(8 * MIB, size)).isEqualTo(2);
	}

	@Test
	void outOfRangePieceIsRefused() {
		assertThatIllegalArgumentException().isThrownBy(() -> PieceMath.length(3, 10 * MIB, 4 * MIB))
			.withMessageContaining("out of range");
		assertThatIllegalArgumentException().isThrownBy(() -> PieceMath.length(-1, 10 * MIB, 4 * MIB));
		assertThatIllegalArgumentException().isThrownBy(() -> PieceMath.pieceSize(10, 3, 8));
	}

}
