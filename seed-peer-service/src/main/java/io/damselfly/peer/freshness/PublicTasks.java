package io.damselfly.peer.freshness;

/**
 * What this peer knows first-hand to be public: tasks it let a caller without credentials join after the
 * origin (or the schedulers) said so. It lets such a task be served when neither the origin nor the
 * schedulers can be asked (a stale copy during an outage); anything not known public is treated as
 * possibly private.
 */
public interface PublicTasks {

	boolean isPublic(String taskId);

	void markPublic(String taskId);

}
