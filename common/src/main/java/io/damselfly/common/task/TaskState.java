package io.damselfly.common.task;

/** A task's state in the scheduler. */
public enum TaskState {

	/** Known, nobody holds any piece yet. */
	PENDING,

	/** At least one peer is fetching or holds pieces. */
	RUNNING,

	/** At least one peer holds every piece. */
	SUCCEEDED,

	/** Every peer failed and nobody holds the content. */
	FAILED

}
