package io.damselfly.manager.job.run;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicReference;

import io.damselfly.common.download.DownloadState;
import io.damselfly.common.download.DownloadStatus;
import io.damselfly.common.host.HostType;
import io.damselfly.common.id.TaskIds;
import io.damselfly.common.node.Node;
import io.damselfly.common.node.NodeState;
import io.damselfly.common.node.NodeType;
import io.damselfly.manager.job.Artifact;
import io.damselfly.manager.job.Job;
import io.damselfly.manager.job.JobProperties;
import io.damselfly.manager.job.JobState;
import io.damselfly.manager.job.NodeProgress;
import io.damselfly.manager.job.PreheatRequest;
import io.damselfly.manager.job.image.ImageReference;
import io.damselfly.manager.job.image.RegistryClient;
import io.damselfly.manager.registry.NodeRegistry;
import io.damselfly.manager.registry.state.NodeFilter;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

import org.springframework.web.reactive.function.client.WebClientException;

/**
 * Runs one preheat job to its end, keeping its progress in {@link #current()}. The artifacts are fetched
 * from the origin once whatever the scope: one seed downloads them first (from the origin), then the
 * other seeds (from that seed, through the scheduler), then, for {@code all-peers}, every normal peer
 * the schedulers know (from the seeds). A node that already succeeded, in a job resumed after a restart,
 * is not asked again.
 */
public class PreheatExecution {

	private static final Logger logger = LoggerFactory.getLogger(PreheatExecution.class);

	private final AtomicReference<Job> job;

	private final Deps deps;

	/** What an execution needs from its manager. */
	public record Deps(NodeRegistry nodes, RegistryClient registry, PeerClient peers, SchedulerHostsClient schedulers,
			JobProperties properties, Clock clock) {
	}

	public PreheatExecution(Job job, Deps deps) {
		this.job = new AtomicReference<>(job.running(deps.clock().instant()));
		this.deps = deps;
	}

	public Job current() {
		return job.get();
	}

	/** Runs the job; completes with the finished job, never with an error. */
	public Mono<Job> run() {
		PreheatRequest request = current().request();
		String cluster = request.clusterOrDefault();
		return resolve(request)
			.doOnNext((artifacts) -> job.updateAndGet((j) -> j.withArtifacts(artifacts)))
			.then(deps.nodes().list(new NodeFilter(NodeType.SEED_PEER, NodeState.ACTIVE, cluster)))
			.flatMap((seeds) -> {
				if (seeds.isEmpty()) {
					return Mono.error(new IllegalStateException("no ACTIVE seed peer in cluster " + cluster));
				}
				List<NodeProgress> targets = seeds.stream().sorted(Comparator.comparing(Node::id))
					.map((seed) -> NodeProgress.pending(seed.id(), seed.url(), "seed")).toList();
				job.updateAndGet((j) -> j.withTargets(targets));
				return stage(targets.subList(0, 1)).then(stage(targets.subList(1, targets.size())));
			})
			.then(Mono.defer(() -> PreheatRequest.ALL_PEERS.equals(request.scopeOrDefault()) ? peers(cluster)
					: Mono.empty()))
			.then(Mono.fromSupplier(this::finish))
			// Whatever stopped the job (no seed, a registry refusing the manifest, no scheduler) is its reason.
			.onErrorResume(RuntimeException.class, (ex) -> Mono.fromSupplier(() -> fail(reason(ex))));
	}

	private Mono<List<Artifact>> resolve(PreheatRequest request) {
		List<Artifact> known = current().artifacts();
		if (!known.isEmpty()) {
			return Mono.just(known);
		}
		if (request.url() != null) {
			return Mono.just(List.of(new Artifact(request.url(), null, TaskIds.derive(request.url(), null, null))));
		}
		ImageReference image = ImageReference.parse(String.valueOf(request.image()));
		return deps.registry().blobs(image, request.plain(), request.platformOrDefault(), request.headersOrEmpty())
			.map((digests) -> digests.stream()
				.map((digest) -> new Artifact(image.blobUrl(request.plain(), digest), digest, TaskIds.forBlob(digest)))
				.toList());
	}

	private Mono<Void> peers(String cluster) {
		return deps.nodes().list(new NodeFilter(NodeType.SCHEDULER, NodeState.ACTIVE, cluster))
			.flatMap((schedulers) -> deps.schedulers().hosts(schedulers))
			.flatMap((hosts) -> {
				List<NodeProgress> targets = hosts.stream().filter((h) -> h.type() == HostType.NORMAL)
					.sorted(Comparator.comparing((h) -> h.hostId()))
					.map((h) -> NodeProgress.pending(h.hostId(), h.url(), "peer")).toList();
				job.updateAndGet((j) -> j.withTargets(targets));
				return stage(targets);
			});
	}

	private Mono<Void> stage(List<NodeProgress> targets) {
		return Flux.fromIterable(targets)
			.filter((target) -> current().node(target.nodeId()).state() != JobState.SUCCEEDED)
			.flatMap(this::node, deps.properties().nodeConcurrency())
			.then();
	}

	/** Every artifact on one node; the node's entry ends succeeded, or failed with the first reason. */
	private Mono<Void> node(NodeProgress target) {
		String nodeId = target.nodeId();
		Instant started = deps.clock().instant();
		Map<String, DownloadStatus> latest = new ConcurrentHashMap<>();
		job.updateAndGet((j) -> j.updateNode(nodeId, (n) -> new NodeProgress(n.nodeId(), n.url(), n.role(),
				JobState.RUNNING, null, n.bytes(), n.bytesFromOrigin(), started, null, 0)));
		Map<String, String> headers = current().request().headersOrEmpty();
		return Flux.fromIterable(current().artifacts())
			.flatMap((artifact) -> deps.peers().start(target.url(), artifact, headers)
				.flatMap((accepted) -> poll(target.url(), accepted.id(), (status) -> {
					latest.put(artifact.url(), status);
					progress(nodeId, latest, started);
				})), 4)
			.filter((status) -> status.state() == DownloadState.FAILED)
			.next()
			.map((failed) -> failed.url() + ": " + failed.error())
			.timeout(deps.properties().nodeTimeout())
			.map(java.util.Optional::of)
			.defaultIfEmpty(java.util.Optional.empty())
			// One node's failure is recorded on that node; the job goes on with the others.
			.onErrorResume(WebClientException.class, (ex) -> Mono.just(java.util.Optional.of(reason(ex))))
			.onErrorResume(TimeoutException.class, (ex) -> Mono.just(java.util.Optional.of("timed out after "
					+ deps.properties().nodeTimeout())))
			.doOnNext((failure) -> ended(nodeId, latest, started, failure.orElse(null)))
			.then();
	}

	private Mono<DownloadStatus> poll(String nodeUrl, String downloadId,
			java.util.function.Consumer<DownloadStatus> onStatus) {
		Duration interval = deps.properties().pollInterval();
		return deps.peers().status(nodeUrl, downloadId)
			.doOnNext(onStatus)
			.filter((status) -> status.state() == DownloadState.SUCCEEDED || status.state() == DownloadState.FAILED)
			.repeatWhenEmpty(Integer.MAX_VALUE, (ticks) -> ticks.delayElements(interval));
	}

	private void progress(String nodeId, Map<String, DownloadStatus> latest, Instant started) {
		long bytes = latest.values().stream().mapToLong(DownloadStatus::completedBytes).sum();
		long origin = latest.values().stream().mapToLong(DownloadStatus::bytesFromOrigin).sum();
		long took = Duration.between(started, deps.clock().instant()).toMillis();
		job.updateAndGet((j) -> j.updateNode(nodeId, (n) -> new NodeProgress(n.nodeId(), n.url(), n.role(), n.state(),
				null, bytes, origin, started, null, took)));
	}

	private void ended(String nodeId, Map<String, DownloadStatus> latest, Instant started, @Nullable String failure) {
		progress(nodeId, latest, started);
		Instant now = deps.clock().instant();
		JobState state = (failure == null) ? JobState.SUCCEEDED : JobState.FAILED;
		Job after = job.updateAndGet((j) -> j.updateNode(nodeId, (n) -> new NodeProgress(n.nodeId(), n.url(), n.role(),
				state, failure, n.bytes(), n.bytesFromOrigin(), started, now, Duration.between(started, now).toMillis())));
		NodeProgress node = after.node(nodeId);
		logger.info("Preheat {} on {} {}: {} ({} bytes, {} from the origin, {} ms){}", after.id(), node.role(), nodeId,
				state, node.bytes(), node.bytesFromOrigin(), node.durationMs(), (failure != null) ? ": " + failure : "");
	}

	private Job finish() {
		long failed = current().nodes().stream().filter((n) -> n.state() == JobState.FAILED).count();
		if (failed > 0) {
			return fail(failed + " of " + current().nodes().size() + " nodes failed");
		}
		return job.updateAndGet((j) -> j.finished(JobState.SUCCEEDED, null, deps.clock().instant()));
	}

	private Job fail(String why) {
		return job.updateAndGet((j) -> j.finished(JobState.FAILED, why, deps.clock().instant()));
	}

	private static String reason(Throwable ex) {
		return (ex.getMessage() != null) ? ex.getMessage() : ex.getClass().getSimpleName();
	}

}
