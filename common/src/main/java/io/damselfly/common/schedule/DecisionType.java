package io.damselfly.common.schedule;

/** What the scheduler tells a peer to do. */
public enum DecisionType {

	/** Download from the listed parents. */
	PARENTS,

	/** Nothing usable yet (e.g. a seed was just triggered): ask again after {@code retryAfterMillis}. */
	WAIT,

	/** Fetch from the origin; the reason says why. */
	BACK_TO_SOURCE,

	/** Give up; the reason says why. */
	FAIL

}
