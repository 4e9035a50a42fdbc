package io.damselfly.scheduler.scheduling;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

import io.damselfly.common.peer.PeerState;
import io.damselfly.common.schedule.PeerScheduleExplanation;
import io.damselfly.common.schedule.ScheduleAttempt;
import io.damselfly.common.task.TaskState;
import io.damselfly.common.task.TaskView;
import io.damselfly.scheduler.state.TaskStateRepository;
import io.damselfly.scheduler.state.TaskSummary;
import io.damselfly.service.web.ApiException;
import reactor.core.publisher.Mono;
import tools.jackson.databind.json.JsonMapper;

/** Read-only views for operators: a task's state, and why a peer got the answers it got. */
public class TaskQueries {

	private final TaskStateRepository tasks;

	private final JsonMapper json;

	public TaskQueries(TaskStateRepository tasks, JsonMapper json) {
		this.tasks = tasks;
		this.json = json;
	}

	public Mono<TaskView> task(String taskId) {
		return tasks.summary(taskId)
			.switchIfEmpty(Mono.error(() -> ApiException.notFound("task " + taskId + " is not known")))
			.map(TaskQueries::view);
	}

	static TaskView view(TaskSummary s) {
		Map<PeerState, Integer> byState = new EnumMap<>(PeerState.class);
		for (PeerState state : PeerState.values()) {
			byState.put(state, s.peersByState().getOrDefault(state, 0));
		}
		return new TaskView(s.taskId(), s.url(), state(byState, s.servableCount()), s.contentLength(), s.pieceSize(),
				s.pieceCount(), s.digestsKnown(), byState, s.originCount(), s.privateContent(), s.createdAt(),
				s.updatedAt());
	}

	/** SUCCEEDED once a peer holds everything; RUNNING while anyone fetches or serves; FAILED when all failed. */
	static TaskState state(Map<PeerState, Integer> byState, int servable) {
		if (byState.get(PeerState.SUCCEEDED) > 0) {
			return TaskState.SUCCEEDED;
		}
		if (byState.get(PeerState.RUNNING) > 0 || byState.get(PeerState.BACK_TO_SOURCE) > 0 || servable > 0) {
			return TaskState.RUNNING;
		}
		int failed = byState.get(PeerState.FAILED);
		if (failed > 0 && byState.get(PeerState.PENDING) == 0) {
			return TaskState.FAILED;
		}
		return TaskState.PENDING;
	}

	public Mono<PeerScheduleExplanation> explanation(String peerId) {
		return tasks.taskOfPeer(peerId)
			.flatMap((taskId) -> tasks.history(taskId, peerId))
			.switchIfEmpty(Mono.error(() -> ApiException.notFound("peer " + peerId + " is not known")))
			.map((history) -> {
				List<ScheduleAttempt> attempts = new ArrayList<>(history.attemptsJson().size());
				for (String attempt : history.attemptsJson()) {
					attempts.add(json.readValue(attempt, ScheduleAttempt.class));
				}
				return new PeerScheduleExplanation(peerId, history.taskId(), history.hostId(), history.state(), attempts);
			});
	}

}
