package io.damselfly.scheduler.api;

import io.damselfly.common.id.Ids;
import io.damselfly.common.peer.PeerOutcome;
import io.damselfly.common.peer.PeerRegistration;
import io.damselfly.common.peer.PieceReport;
import io.damselfly.common.peer.RescheduleRequest;
import io.damselfly.common.schedule.PeerScheduleExplanation;
import io.damselfly.common.schedule.ScheduleDecision;
import io.damselfly.scheduler.generation.Generations;
import io.damselfly.scheduler.scheduling.PeerReportService;
import io.damselfly.scheduler.scheduling.SchedulingService;
import io.damselfly.scheduler.scheduling.TaskQueries;
import io.damselfly.service.web.ApiException;
import jakarta.validation.Valid;
import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Mono;

import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

/**
 * The peer side of scheduling: register (and get a decision), reschedule, report pieces, finish, fail,
 * leave, and the explanation of the last attempts.
 */
@RestController
@RequestMapping("/api/v1/peers")
public class PeerController {

	private static final int MAX_HEADERS = 64;

	private final SchedulingService scheduling;

	private final PeerReportService reports;

	private final TaskQueries queries;

	private final Generations generations;

	public PeerController(SchedulingService scheduling, PeerReportService reports, TaskQueries queries,
			Generations generations) {
		this.scheduling = scheduling;
		this.generations = generations;
		this.reports = reports;
		this.queries = queries;
	}

	@PostMapping
	public Mono<ScheduleDecision> register(@Valid @RequestBody PeerRegistration registration) {
		if (registration.headers() != null && registration.headers().size() > MAX_HEADERS) {
			throw ApiException.badRequest("headers: at most " + MAX_HEADERS + " headers");
		}
		String taskId = scheduling.taskIdOf(registration);
		String action = "register peer " + registration.peerId() + " of host " + registration.hostId();
		return CallerGuard.host(registration.hostId(), action)
			.then(CallerGuard.peer(registration.peerId(), action))
			// Recorded first: a seed this registration triggers looks the generation up to fetch the same one.
			.then(Mono.defer(() -> generations.registered(registration, scheduling.baseIdOf(registration), taskId)))
			.then(Mono.defer(() -> scheduling.register(registration)));
	}

	@PostMapping("/{peerId}/reschedule")
	public Mono<ScheduleDecision> reschedule(@PathVariable String peerId, @Valid @RequestBody RescheduleRequest request) {
		Ids.requireNameId("peerId", peerId);
		return CallerGuard.peer(peerId, "ask a new schedule for it")
			.then(Mono.defer(() -> scheduling.reschedule(peerId, request)));
	}

	@PostMapping("/{peerId}/pieces")
	@ResponseStatus(HttpStatus.NO_CONTENT)
	public Mono<Void> pieces(@PathVariable String peerId, @Valid @RequestBody PieceReport report) {
		Ids.requireNameId("peerId", peerId);
		return CallerGuard.peer(peerId, "report pieces for it").then(Mono.defer(() -> reports.report(peerId, report)));
	}

	@PostMapping("/{peerId}/finished")
	@ResponseStatus(HttpStatus.NO_CONTENT)
	public Mono<Void> finished(@PathVariable String peerId, @Valid @RequestBody PeerOutcome outcome) {
		Ids.requireNameId("peerId", peerId);
		return CallerGuard.peer(peerId, "report it finished").then(Mono.defer(() -> reports.finished(peerId, outcome)));
	}

	@PostMapping("/{peerId}/failed")
	@ResponseStatus(HttpStatus.NO_CONTENT)
	public Mono<Void> failed(@PathVariable String peerId, @Valid @RequestBody PeerOutcome outcome) {
		Ids.requireNameId("peerId", peerId);
		return CallerGuard.peer(peerId, "report it failed").then(Mono.defer(() -> reports.failed(peerId, outcome)));
	}

	@DeleteMapping("/{peerId}")
	@ResponseStatus(HttpStatus.NO_CONTENT)
	public Mono<Void> leave(@PathVariable String peerId, @RequestParam(required = false) @Nullable String taskId) {
		if (taskId == null) {
			throw ApiException.badRequest("query parameter taskId is required");
		}
		Ids.requireNameId("peerId", peerId);
		Ids.requireTaskId(taskId);
		return CallerGuard.peer(peerId, "take it off task " + taskId)
			.then(Mono.defer(() -> reports.leave(peerId, taskId)));
	}

	@GetMapping("/{peerId}/schedule")
	public Mono<PeerScheduleExplanation> schedule(@PathVariable String peerId) {
		return queries.explanation(Ids.requireNameId("peerId", peerId));
	}

}
