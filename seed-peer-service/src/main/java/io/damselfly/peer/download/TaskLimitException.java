package io.damselfly.peer.download;

/**
 * This daemon already runs as many tasks as {@code damselfly.peer.max-active-tasks} allows, and the
 * request would start another: each running task holds a flow, its piece reporter and buffers in memory,
 * so a flood of distinct URLs must not grow them without bound. The caller may retry once tasks end
 * (503); a request that joins a task already running is never refused.
 */
public class TaskLimitException extends RuntimeException {

	public TaskLimitException(int limit) {
		super("this peer already runs " + limit + " tasks (damselfly.peer.max-active-tasks); retry when some end");
	}

}
