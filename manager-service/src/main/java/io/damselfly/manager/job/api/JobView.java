package io.damselfly.manager.job.api;

import java.time.Instant;
import java.util.List;

import io.damselfly.manager.job.Artifact;
import io.damselfly.manager.job.Job;
import io.damselfly.manager.job.JobState;
import io.damselfly.manager.job.NodeProgress;
import io.damselfly.manager.job.PreheatRequest;
import org.jspecify.annotations.Nullable;

/**
 * A job as {@code GET /api/v1/jobs/{id}} shows it: the request without its headers, totals, and each
 * node's state.
 *
 * @param id job id
 * @param type {@code preheat}
 * @param state pending, running, succeeded or failed
 * @param reason why it failed
 * @param request what was asked (headers left out)
 * @param artifacts the URLs (and blob digests) every node downloads
 * @param nodes each target's state, bytes and duration, seeds first
 * @param bytes bytes held by all targets together
 * @param bytesFromOrigin of which fetched from the origin
 * @param durationMs from start to end, or to now while running
 * @param createdAt accepted
 * @param startedAt started
 * @param finishedAt ended
 */
public record JobView(String id, String type, JobState state, @Nullable String reason, PreheatRequest request,
		List<Artifact> artifacts, List<NodeProgress> nodes, long bytes, long bytesFromOrigin, long durationMs,
		Instant createdAt, @Nullable Instant startedAt, @Nullable Instant finishedAt) {

	static JobView of(Job job, Instant now) {
		long bytes = job.nodes().stream().mapToLong(NodeProgress::bytes).sum();
		long origin = job.nodes().stream().mapToLong(NodeProgress::bytesFromOrigin).sum();
		Instant start = job.startedAt();
		long duration = (start == null) ? 0
				: java.time.Duration.between(start, (job.finishedAt() != null) ? job.finishedAt() : now).toMillis();
		return new JobView(job.id(), job.type(), job.state(), job.reason(), job.request().redacted(), job.artifacts(),
				job.nodes(), bytes, origin, duration, job.createdAt(), job.startedAt(), job.finishedAt());
	}

}
