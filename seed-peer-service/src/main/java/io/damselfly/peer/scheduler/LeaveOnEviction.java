package io.damselfly.peer.scheduler;

import java.util.function.Consumer;

import io.damselfly.peer.storage.TaskSnapshot;
import io.damselfly.service.lifecycle.BackgroundWork;
import reactor.core.publisher.Mono;

/**
 * Tells the schedulers that this daemon's peer left a task once the store evicted it, so they stop
 * handing it out as a parent. Fail-open: a scheduler that cannot be told forgets the peer by its TTL.
 */
public class LeaveOnEviction implements Consumer<TaskSnapshot> {

	private final SchedulerClient scheduler;

	private final BackgroundWork background;

	public LeaveOnEviction(SchedulerClient scheduler, BackgroundWork background) {
		this.scheduler = scheduler;
		this.background = background;
	}

	@Override
	public void accept(TaskSnapshot task) {
		String peerId = task.peerId();
		if (peerId == null) {
			return;
		}
		background.run("leave of peer " + peerId, scheduler.leave(peerId, task.taskId())
			// Fail-open: the scheduler forgets the peer by its TTL anyway.
			.onErrorResume(SchedulerClient::isUnavailable, (ex) -> Mono.empty())
			.onErrorResume(SchedulerClient::isClientError, (ex) -> Mono.empty()));
	}

}
