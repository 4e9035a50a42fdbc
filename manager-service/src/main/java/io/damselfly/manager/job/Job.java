package io.damselfly.manager.job;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.function.UnaryOperator;

import org.jspecify.annotations.Nullable;

/**
 * A preheat job as stored: what was asked, what it resolved to, and where each target node stands.
 *
 * @param id {@code job-<hex>}
 * @param type {@code preheat}
 * @param request the request, headers included (they are needed to resume the job after a restart)
 * @param state pending until a manager claims it, running, then succeeded or failed
 * @param reason why it failed
 * @param artifacts what every target downloads (empty until resolved)
 * @param nodes the targets, seeds first
 * @param createdAt when it was accepted
 * @param startedAt when a manager first started it
 * @param finishedAt when it ended
 */
public record Job(String id, String type, PreheatRequest request, JobState state, @Nullable String reason,
		List<Artifact> artifacts, List<NodeProgress> nodes, Instant createdAt, @Nullable Instant startedAt,
		@Nullable Instant finishedAt) {

	public Job {
		artifacts = List.copyOf(artifacts);
		nodes = List.copyOf(nodes);
	}

	public static Job accepted(String id, PreheatRequest request, Instant now) {
		return new Job(id, "preheat", request, JobState.PENDING, null, List.of(), List.of(), now, null, null);
	}

	public Job running(Instant now) {
		return new Job(id, type, request, JobState.RUNNING, null, artifacts, nodes, createdAt,
				(startedAt != null) ? startedAt : now, null);
	}

	public Job withArtifacts(List<Artifact> resolved) {
		return new Job(id, type, request, state, reason, resolved, nodes, createdAt, startedAt, finishedAt);
	}

	/** Adds the targets not listed yet, keeping the progress of those already there. */
	public Job withTargets(List<NodeProgress> targets) {
		List<NodeProgress> merged = new ArrayList<>(nodes);
		for (NodeProgress target : targets) {
			if (merged.stream().noneMatch((n) -> n.nodeId().equals(target.nodeId()))) {
				merged.add(target);
			}
		}
		return new Job(id, type, request, state, reason, artifacts, merged, createdAt, startedAt, finishedAt);
	}

	public Job updateNode(String nodeId, UnaryOperator<NodeProgress> change) {
		List<NodeProgress> updated = nodes.stream().map((n) -> n.nodeId().equals(nodeId) ? change.apply(n) : n)
			.toList();
		return new Job(id, type, request, state, reason, artifacts, updated, createdAt, startedAt, finishedAt);
	}

	public Job finished(JobState end, @Nullable String why, Instant now) {
		return new Job(id, type, request, end, why, artifacts, nodes, createdAt, (startedAt != null) ? startedAt : now,
				now);
	}

	public @Nullable NodeProgress node(String nodeId) {
		return nodes.stream().filter((n) -> n.nodeId().equals(nodeId)).findFirst().orElse(null);
	}

}
