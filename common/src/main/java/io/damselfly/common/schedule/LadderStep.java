package io.damselfly.common.schedule;

/**
 * The rung of the relaxation ladder (docs/architecture.md#scheduling step 4) that produced a decision. Recorded in every
 * explanation, so an operator can see how hard the scheduler had to try.
 */
public enum LadderStep {

	/** Healthy candidates survived the filters; no relaxation needed. */
	NONE,

	/** Hosts on probation (half-open breaker) or DEGRADED were admitted. */
	ADMIT_PROBATION,

	/** Running peers with a parent but no piece yet were admitted. */
	ADMIT_RUNNING_WITHOUT_PIECES,

	/** A seed was triggered (or is already fetching); the peer waits. */
	TRIGGER_SEED,

	/** Waiting for another attempt before going back to source. */
	RETRY,

	/** The requester is a seed, the trusted first fetcher: straight to the origin. */
	SEED_FIRST_FETCH,

	/** Attempts exhausted: back to source. */
	BACK_TO_SOURCE,

	/** Attempts exhausted and too many peers already at origin, or retry limit reached. */
	FAIL

}
