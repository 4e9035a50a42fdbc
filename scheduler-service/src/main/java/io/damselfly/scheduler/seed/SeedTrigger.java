package io.damselfly.scheduler.seed;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.StringJoiner;
import java.util.concurrent.TimeoutException;

import io.damselfly.common.cluster.ClusterConfig;
import io.damselfly.common.download.DownloadRequest;
import io.damselfly.common.hash.Rendezvous;
import io.damselfly.common.id.TaskIds;
import io.damselfly.common.node.Node;
import io.damselfly.common.node.NodeState;
import io.damselfly.scheduler.host.HostCondition;
import io.damselfly.scheduler.host.HostEjectionPolicy;
import io.damselfly.scheduler.host.HostVerdict;
import io.damselfly.scheduler.scheduling.Ranking;
import io.damselfly.scheduler.scheduling.Round;
import io.damselfly.scheduler.scheduling.SeedOutlook;
import io.damselfly.scheduler.scheduling.SeedOutlookSource;
import io.damselfly.scheduler.state.HostRepository;
import io.damselfly.scheduler.state.HostRepository.HostEntry;
import io.damselfly.scheduler.state.TaskRecord;
import io.damselfly.scheduler.state.TaskStateRepository;
import io.github.resilience4j.circuitbreaker.CallNotPermittedException;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.github.resilience4j.circuitbreaker.CircuitBreakerRegistry;
import io.github.resilience4j.reactor.circuitbreaker.operator.CircuitBreakerOperator;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.publisher.Mono;

import org.springframework.core.codec.CodecException;
import org.springframework.web.reactive.function.client.WebClientException;
import org.springframework.web.reactive.function.client.WebClientResponseException;

/**
 * The ladder's third rung (docs/architecture.md#scheduling step 4.3): when no parent survived and no healthy seed holds or
 * fetches the task, trigger one. The seed is chosen by consistent hashing of the task over the seeds
 * the manager lists, skipping those it EJECTED, those whose host announced DOWN or whose shared host
 * breaker is open, and those whose trigger breaker ({@code node:<id>}) is open. Seeds the manager is
 * PROBING come after every ACTIVE one, like hosts on probation. A mark in Redis, living a few retry
 * intervals, stops every instance from triggering the task's seed on every attempt.
 */
public class SeedTrigger implements SeedOutlookSource {

	private static final Logger logger = LoggerFactory.getLogger(SeedTrigger.class);

	private final SeedDirectory directory;

	private final SeedClient client;

	private final HostRepository hosts;

	private final TaskStateRepository tasks;

	private final HostEjectionPolicy policy;

	private final CircuitBreakerRegistry breakers;

	private final int markRetries;

	public SeedTrigger(SeedDirectory directory, SeedClient client, HostRepository hosts,
			TaskStateRepository tasks, HostEjectionPolicy policy, CircuitBreakerRegistry breakers, int markRetries) {
		this.directory = directory;
		this.client = client;
		this.hosts = hosts;
		this.tasks = tasks;
		this.policy = policy;
		this.breakers = breakers;
		this.markRetries = markRetries;
	}

	@Override
	public Mono<SeedOutlook> outlook(Round round, Ranking ranking, TaskRecord task, ClusterConfig config,
			@Nullable Map<String, String> headers) {
		SeedOutlook serving = servingSeed(round, ranking);
		if (serving != null) {
			return Mono.just(serving);
		}
		return directory.seeds().flatMap((listed) -> {
			List<Node> seeds = listed.stream().filter((seed) -> seed.state() != NodeState.INACTIVE).toList();
			if (seeds.isEmpty()) {
				return Mono.just(new SeedOutlook.Unavailable("the manager lists no ACTIVE seed peer"));
			}
			List<Node> ranked = Rendezvous.rank(round.taskId(), seeds, Node::id);
			return usable(ranked).flatMap((usable) -> {
				if (usable.seeds.isEmpty()) {
					return Mono.just(new SeedOutlook.Unavailable(
							"all " + seeds.size() + " seed peers the manager lists are unusable: " + usable.skipped));
				}
				return trigger(round, usable.seeds, task, config, headers);
			});
		});
	}

	/** A healthy seed peer already holds or fetches the task, so it was filtered for this requester only. */
	private @Nullable SeedOutlook servingSeed(Round round, Ranking ranking) {
		for (Round.SeedPeer seed : round.seedPeers()) {
			if (seed.peerId().equals(round.peerId()) || seed.host() == null || seed.state() == null
					|| !seed.state().canServe() || round.blocklist().contains(seed.peerId())) {
				continue;
			}
			HostCondition condition = policy.judge(seed.host(), seed.stats(), seed.breaker(), round.peerId()).condition();
			if (condition == HostCondition.HEALTHY || condition == HostCondition.PROBATION) {
				String rejection = ranking.rejections().get(seed.peerId());
				return new SeedOutlook.Serving(seed.peerId(),
						(rejection != null) ? "was filtered (" + rejection + ")" : "was not sampled");
			}
		}
		return null;
	}

	private Mono<Usable> usable(List<Node> ranked) {
		List<String> addresses = ranked.stream().map((seed) -> seed.host() + ":" + seed.port()).toList();
		return hosts.idsAt(addresses).flatMap((ids) -> hosts.findAll(ids.values()).map((entries) -> {
			List<Node> usable = new ArrayList<>();
			List<Node> probing = new ArrayList<>();
			StringJoiner skipped = new StringJoiner(", ");
			for (Node seed : ranked) {
				if (seed.state() == NodeState.EJECTED) {
					skipped.add(seed.id() + " (ejected: manager: " + ((seed.reason() != null) ? seed.reason() : "ejected")
							+ ")");
					continue;
				}
				CircuitBreaker breaker = breaker(seed);
				if (breaker.getState() == CircuitBreaker.State.OPEN) {
					skipped.add(seed.id() + " (trigger breaker open)");
					continue;
				}
				String hostId = ids.get(seed.host() + ":" + seed.port());
				HostEntry entry = (hostId != null) ? entries.get(hostId) : null;
				if (entry != null && entry.host() != null) {
					HostVerdict verdict = policy.judge(entry.host(), entry.stats(), entry.breaker(), null);
					if (verdict.condition() == HostCondition.DOWN || verdict.condition() == HostCondition.EJECTED) {
						skipped.add(seed.id() + " (" + verdict.condition().name().toLowerCase(Locale.ROOT) + ": "
								+ verdict.reason() + ")");
						continue;
					}
				}
				(seed.state() == NodeState.PROBING ? probing : usable).add(seed);
			}
			usable.addAll(probing);
			return new Usable(usable, skipped.toString());
		}));
	}

	private Mono<SeedOutlook> trigger(Round round, List<Node> usable, TaskRecord task, ClusterConfig config,
			@Nullable Map<String, String> headers) {
		String marked = round.triggeredSeedId();
		if (marked != null && usable.stream().anyMatch((seed) -> seed.id().equals(marked))) {
			return Mono.just(new SeedOutlook.Triggered(marked, false));
		}
		Node chosen = usable.get(0);
		Duration ttl = Duration.ofMillis(config.retryIntervalMillis() * markRetries);
		Mono<Void> clearStale = (marked != null) ? tasks.clearSeedTrigger(round.taskId(), marked) : Mono.empty();
		return clearStale.then(tasks.markSeedTriggered(round.taskId(), chosen.id(), ttl)).flatMap((won) -> {
			if (!won) {
				return Mono.just(new SeedOutlook.Triggered(chosen.id(), false));
			}
			DownloadRequest request = new DownloadRequest(task.originUrl().isEmpty() ? task.url() : task.originUrl(),
					task.digest().isEmpty() ? null : task.digest(), task.tag().isEmpty() ? null : task.tag(),
					task.application().isEmpty() ? null : task.application(), headers, null, blobTaskId(round.taskId(), task.digest()));
			return client.download(chosen, request)
				.transformDeferred(CircuitBreakerOperator.of(breaker(chosen)))
				.then(Mono.fromSupplier(() -> {
					logger.info("triggered seed {} ({}) for task {}", chosen.id(), chosen.url(), round.taskId());
					return (SeedOutlook) new SeedOutlook.Triggered(chosen.id(), true);
				}))
				// Fail-over: a seed that does not take the task frees the mark so the next attempt tries again.
				.onErrorResume(SeedTrigger::notAccepted, (ex) -> {
					logger.warn("seed {} did not accept task {}: {}", chosen.id(), round.taskId(), ex.toString());
					return tasks.clearSeedTrigger(round.taskId(), chosen.id())
						.thenReturn(new SeedOutlook.Unavailable("seed " + chosen.id() + " did not accept the download: "
								+ ex.getClass().getSimpleName()));
				});
		});
	}

	/** The task id to hand the seed when the task is content-addressed (a registry blob), else none. */
	static @Nullable String blobTaskId(String taskId, String digest) {
		return (!digest.isEmpty() && taskId.equals(TaskIds.forBlob(digest.toLowerCase(java.util.Locale.ROOT)))) ? taskId
				: null;
	}

	/** The seed refused, failed, did not answer in time, or its breaker is open. */
	static boolean notAccepted(Throwable ex) {
		return ex instanceof WebClientException || ex instanceof TimeoutException
				|| ex instanceof CallNotPermittedException || ex instanceof CodecException;
	}

	/**
	 * Whether a failed trigger says the seed is sick. A 4xx is the seed passing on the origin's refusal
	 * (a private file it may not fetch, a missing one) or a bad request: the seed answered, so its breaker
	 * must not open and take it away from every other task.
	 */
	public static boolean countsAgainstSeed(Throwable ex) {
		return !(ex instanceof WebClientResponseException response && response.getStatusCode().is4xxClientError());
	}

	private CircuitBreaker breaker(Node seed) {
		return breakers.circuitBreaker("node:" + seed.id());
	}

	private record Usable(List<Node> seeds, String skipped) {
	}

}
