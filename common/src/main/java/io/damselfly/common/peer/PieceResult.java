package io.damselfly.common.peer;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.PositiveOrZero;
import org.jspecify.annotations.Nullable;

/**
 * The outcome of fetching one piece, reported in batches.
 *
 * @param number piece number
 * @param parentPeerId the parent it came from, or null when it came from the origin
 * @param parentHostId that parent's host (null for origin)
 * @param costMillis time the fetch took
 * @param success whether the piece was verified and written
 * @param failure why it failed (null on success)
 * @param length bytes of the piece (on success)
 * @param digest hex SHA-256 of the piece (on success); from an origin fetch it records the digest
 * every later receiver verifies against
 */
public record PieceResult(
		@Min(value = 0, message = "number must be between 0 and 1000000") @Max(value = 1_000_000,
				message = "number must be between 0 and 1000000") int number,
		@Nullable @Pattern(regexp = "[A-Za-z0-9][A-Za-z0-9._-]{0,127}",
				message = "parentPeerId must be 1-128 characters of [A-Za-z0-9._-]") String parentPeerId,
		@Nullable @Pattern(regexp = "[A-Za-z0-9][A-Za-z0-9._-]{0,127}",
				message = "parentHostId must be 1-128 characters of [A-Za-z0-9._-]") String parentHostId,
		@PositiveOrZero(message = "costMillis must not be negative") long costMillis, boolean success,
		@Nullable FailureKind failure, @PositiveOrZero(message = "length must not be negative") long length,
		@Nullable @Pattern(regexp = "[0-9a-f]{64}", message = "digest must be 64 lower-case hex characters") String digest) {

	public boolean fromOrigin() {
		return parentPeerId == null;
	}

	public static PieceResult ok(int number, @Nullable String parentPeerId, @Nullable String parentHostId,
			long costMillis, long length, String digest) {
		return new PieceResult(number, parentPeerId, parentHostId, costMillis, true, null, length, digest);
	}

	public static PieceResult failed(int number, String parentPeerId, String parentHostId, long costMillis,
			FailureKind failure) {
		return new PieceResult(number, parentPeerId, parentHostId, costMillis, false, failure, 0, null);
	}

}
