package io.damselfly.common.peer;

/** Why a piece fetch failed. All of them count against the parent host's breaker. */
public enum FailureKind {

	TIMEOUT,

	/** Connection refused, or the parent answered with an error status (e.g. 503 when DOWN). */
	REFUSED,

	/** The bytes did not hash to the task's recorded SHA-256. */
	DIGEST_MISMATCH,

	/** Any other transfer error (reset, short read). */
	IO_ERROR

}
