package io.damselfly.manager.job.api;

import java.net.URI;
import java.time.Clock;

import io.damselfly.manager.job.JobService;
import io.damselfly.manager.job.PreheatRequest;
import io.damselfly.service.web.ApiException;
import jakarta.validation.Valid;
import reactor.core.publisher.Mono;

import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * Preheat jobs: {@code POST} answers 202 with the job and its {@code Location}; the job runs in the
 * background on whichever manager claims it, and {@code GET} shows its progress from the store.
 */
@RestController
@RequestMapping("/api/v1/jobs")
public class JobController {

	private final JobService jobs;

	private final Clock clock;

	public JobController(JobService jobs, Clock clock) {
		this.jobs = jobs;
		this.clock = clock;
	}

	@PostMapping
	public Mono<ResponseEntity<JobView>> create(@Valid @RequestBody PreheatRequest request) {
		return jobs.create(request).map((job) -> ResponseEntity.accepted()
			.location(URI.create("/api/v1/jobs/" + job.id()))
			.body(JobView.of(job, clock.instant())));
	}

	@GetMapping("/{id}")
	public Mono<JobView> get(@PathVariable String id) {
		if (!id.matches("job-[0-9a-f]{16}")) {
			throw ApiException.notFound("no job " + io.damselfly.common.id.Ids.abbreviate(id));
		}
		return jobs.find(id).map((job) -> JobView.of(job, clock.instant()))
			.switchIfEmpty(Mono.error(() -> ApiException.notFound("no job " + id + " (unknown, or expired)")));
	}

}
