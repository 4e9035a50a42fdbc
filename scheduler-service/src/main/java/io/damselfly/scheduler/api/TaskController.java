package io.damselfly.scheduler.api;

import io.damselfly.common.id.Ids;
import io.damselfly.common.task.TaskView;
import io.damselfly.scheduler.scheduling.TaskQueries;
import reactor.core.publisher.Mono;

import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;

/** A task's state as the scheduler sees it. */
@RestController
public class TaskController {

	private final TaskQueries queries;

	public TaskController(TaskQueries queries) {
		this.queries = queries;
	}

	@GetMapping("/api/v1/tasks/{taskId}")
	public Mono<TaskView> task(@PathVariable String taskId) {
		return queries.task(Ids.requireTaskId(taskId));
	}

}
