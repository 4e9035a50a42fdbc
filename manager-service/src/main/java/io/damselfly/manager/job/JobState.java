package io.damselfly.manager.job;

/** The state of a job, or of one node in a job. */
public enum JobState {

	PENDING,

	RUNNING,

	SUCCEEDED,

	FAILED;

	public boolean finished() {
		return this == SUCCEEDED || this == FAILED;
	}

}
