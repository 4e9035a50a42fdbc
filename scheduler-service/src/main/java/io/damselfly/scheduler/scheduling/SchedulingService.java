package io.damselfly.scheduler.scheduling;

import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ThreadLocalRandom;

import io.damselfly.common.cluster.ClusterConfig;
import io.damselfly.common.download.Credentials;
import io.damselfly.common.id.TaskIds;
import io.damselfly.common.peer.PeerRegistration;
import io.damselfly.common.peer.RescheduleRequest;
import io.damselfly.common.schedule.DecisionType;
import io.damselfly.common.schedule.ParentInfo;
import io.damselfly.common.schedule.ScheduleAttempt;
import io.damselfly.common.schedule.ScheduleDecision;
import io.damselfly.scheduler.config.ClusterConfigSource;
import io.damselfly.scheduler.config.SchedulerProperties;
import io.damselfly.scheduler.host.HostBreaker;
import io.damselfly.scheduler.host.HostEjectionPolicy;
import io.damselfly.scheduler.host.HostRecord;
import io.damselfly.scheduler.host.HostStats;
import io.damselfly.scheduler.state.DecisionRecord;
import io.damselfly.scheduler.state.HostRepository;
import io.damselfly.scheduler.state.HostRepository.HostEntry;
import io.damselfly.scheduler.state.RoundData;
import io.damselfly.scheduler.state.RoundQuery;
import io.damselfly.scheduler.state.TaskStateRepository;
import io.damselfly.service.web.ApiException;
import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;
import tools.jackson.databind.json.JsonMapper;

/**
 * Runs one scheduling attempt (docs/architecture.md#scheduling) from request to recorded decision: read the
 * round (one script), read its hosts with their statistics and shared breakers (one MGET), climb the
 * {@link RelaxationLadder} (filter and score, probation grants, seed trigger, retry, origin or fail), then
 * record the decision and its explanation (one script) and hand it to the {@link DecisionObserver}.
 * Orchestration only: every decision is the ladder's.
 */
public class SchedulingService {

	private final TaskStateRepository tasks;

	private final HostRepository hosts;

	private final HostEjectionPolicy policy;

	private final RelaxationLadder ladder;

	private final DecisionObserver observer;

	private final ClusterConfigSource configs;

	private final JsonMapper json;

	private final SchedulerProperties properties;

	private final Clock clock;

	private final Set<String> filteredQueryParams;

	public SchedulingService(TaskStateRepository tasks, HostRepository hosts, HostEjectionPolicy policy,
			RelaxationLadder ladder, DecisionObserver observer, ClusterConfigSource configs, JsonMapper json,
			SchedulerProperties properties, Clock clock) {
		this.tasks = tasks;
		this.hosts = hosts;
		this.policy = policy;
		this.ladder = ladder;
		this.observer = observer;
		this.configs = configs;
		this.json = json;
		this.properties = properties;
		this.clock = clock;
		this.filteredQueryParams = TaskIds.parseFilter(properties.filteredQueryParams());
	}

	/**
	 * The task id of a registration: the URL's; its content generation's when the registration carries
	 * the origin's validator (docs/architecture.md#trust-and-security); or the blob id of its digest when
	 * the peer asks for a content-addressed task (docs/architecture.md#registry-mirror-and-proxy). 400 when
	 * the URL is invalid or a given task id is none of these.
	 */
	public String taskIdOf(PeerRegistration registration) {
		String baseId = baseIdOf(registration);
		if (registration.validator() != null) {
			String taskId = TaskIds.generation(baseId, registration.validator());
			if (registration.taskId() != null && !registration.taskId().equals(taskId)) {
				throw ApiException.badRequest("taskId " + registration.taskId() + " does not match the id derived"
						+ " from url, tag, application and validator (" + taskId + ")");
			}
			return taskId;
		}
		try {
			return TaskIds.resolve(registration.taskId(), registration.url(), registration.tag(),
					registration.application(), registration.digest(), filteredQueryParams);
		}
		catch (IllegalArgumentException ex) {
			throw ApiException.badRequest(ex.getMessage());
		}
	}

	/** The URL's task id without a content generation. */
	public String baseIdOf(PeerRegistration registration) {
		return TaskIds.derive(registration.url(), registration.tag(), registration.application(), filteredQueryParams);
	}

	public Mono<ScheduleDecision> register(PeerRegistration r) {
		String taskId = taskIdOf(r);
		String url = TaskIds.normalizeUrl(r.url(), filteredQueryParams);
		Attempt attempt = new Attempt(taskId, r.peerId(), r.hostId(), true, url, r.url(), orEmpty(r.tag()),
				orEmpty(r.application()), orEmpty(r.digest()), List.of(), r.headers());
		return configs.current().flatMap((config) -> Mono.zip(run(attempt, config),
				tasks.indexPeer(r.peerId(), taskId, Duration.ofSeconds(config.peerTtlSeconds())).thenReturn(true),
				(decision, indexed) -> decision));
	}

	public Mono<ScheduleDecision> reschedule(String peerId, RescheduleRequest r) {
		List<String> blocklist = (r.blocklist() != null) ? r.blocklist() : List.of();
		Attempt attempt = new Attempt(r.taskId(), peerId, "", false, "", "", "", "", "", blocklist, null);
		return configs.current().flatMap((config) -> run(attempt, config));
	}

	private Mono<ScheduleDecision> run(Attempt a, ClusterConfig config) {
		long started = System.nanoTime();
		long now = clock.millis();
		RoundQuery query = new RoundQuery(a.taskId, a.peerId, a.hostId, a.register, a.url, a.originUrl, a.tag,
				a.application, a.digest, Credentials.present(a.headers), a.blocklist, config.filterParentLimit(),
				properties.cycleSearchLimit(), config.taskTtlSeconds(), config.peerTtlSeconds(), now);
		// The policy's outside inputs (the manager's node states) are in memory: this waits only at startup.
		return policy.refresh().then(tasks.openRound(query))
			.switchIfEmpty(Mono.error(() -> ApiException
				.notFound("peer " + a.peerId + " is not registered for task " + a.taskId)))
			// Off Lettuce's single I/O thread: deciding is CPU work, and that thread serves every Redis reply.
			.flatMap((data) -> hosts.findAll(hostIds(data)).publishOn(Schedulers.parallel()).flatMap((entries) -> {
				observer.seen(entries);
				Round round = round(a.taskId, a.peerId, data, entries);
				return ladder.climb(round, config, data.task(), a.headers, () -> retryAfter(config))
					.flatMap((climb) -> record(round, climb, config, started, now));
			}));
	}

	private Mono<ScheduleDecision> record(Round round, RelaxationLadder.Climb climb, ClusterConfig config,
			long started, long now) {
		Ranking ranking = climb.ranking();
		LadderVerdict v = climb.verdict();
		List<ParentInfo> parents = new ArrayList<>(ranking.parents().size());
		List<String> parentIds = new ArrayList<>(ranking.parents().size());
		if (v.type() == DecisionType.PARENTS) {
			for (Ranking.Ranked r : ranking.parents()) {
				Candidate c = r.candidate();
				// Kept candidates always have a host: the host_unknown filter drops the others.
				HostRecord host = java.util.Objects.requireNonNull(c.host());
				parents.add(new ParentInfo(c.peerId(), c.hostId(), host.announce().url(), host.announce().type(),
						c.piecesBase64(), Evaluator.Score.round(r.score().total())));
				parentIds.add(c.peerId());
			}
		}
		ScheduleDecision decision = new ScheduleDecision(v.type(), round.taskId(), round.peerId(), round.attempt(),
				parents, round.task(), v.retryAfterMillis(), v.reason(), v.step());
		Duration took = Duration.ofNanos(System.nanoTime() - started);
		ScheduleAttempt explanation = observer.explain(round, ranking, decision, now, took);
		DecisionRecord record = new DecisionRecord(round.taskId(), round.peerId(), v.type(), parentIds,
				round.requesterIsSeed(), json.writeValueAsString(explanation), properties.explanationLimit(),
				config.peerTtlSeconds(), now);
		return tasks.recordDecision(record).publishOn(Schedulers.parallel()).then(Mono.fromSupplier(() -> {
			observer.observe(round, ranking, decision, v, Duration.ofNanos(System.nanoTime() - started));
			return decision;
		}));
	}

	private static Set<String> hostIds(RoundData data) {
		Set<String> ids = new HashSet<>();
		if (!data.hostId().isEmpty()) {
			ids.add(data.hostId());
		}
		for (RoundData.CandidateRow row : data.candidates()) {
			if (!row.hostId().isEmpty()) {
				ids.add(row.hostId());
			}
		}
		for (RoundData.SeedRow seed : data.seeds()) {
			if (!seed.hostId().isEmpty()) {
				ids.add(seed.hostId());
			}
		}
		return ids;
	}

	private static Round round(String taskId, String peerId, RoundData data, Map<String, HostEntry> entries) {
		List<Candidate> candidates = new ArrayList<>(data.candidates().size());
		for (RoundData.CandidateRow row : data.candidates()) {
			HostEntry entry = entries.get(row.hostId());
			candidates.add(new Candidate(row.peerId(), row.hostId(), row.state(), row.pieces(),
					Candidate.cardinality(row.pieces()), data.ancestry().getOrDefault(row.peerId(), List.of()),
					(entry != null) ? entry.host() : null, (entry != null) ? entry.stats() : HostStats.EMPTY,
					(entry != null) ? entry.breaker() : HostBreaker.CLOSED));
		}
		List<Round.SeedPeer> seedPeers = new ArrayList<>(data.seeds().size());
		for (RoundData.SeedRow seed : data.seeds()) {
			HostEntry entry = entries.get(seed.hostId());
			seedPeers.add(new Round.SeedPeer(seed.peerId(), seed.hostId(), seed.state(),
					(entry != null) ? entry.host() : null, (entry != null) ? entry.stats() : HostStats.EMPTY,
					(entry != null) ? entry.breaker() : HostBreaker.CLOSED));
		}
		HostEntry requester = entries.get(data.hostId());
		return new Round(taskId, peerId, data.hostId(), (requester != null) ? requester.host() : null, data.attempt(),
				data.failuresBefore(), data.blocklist(), data.servableCount(), data.originCount(), candidates,
				data.ancestry(), seedPeers, data.triggeredSeedId(), data.task().toMeta());
	}

	private long retryAfter(ClusterConfig config) {
		long interval = config.retryIntervalMillis();
		long jitter = (long) (interval * properties.retryJitter());
		return interval + ((jitter > 0) ? ThreadLocalRandom.current().nextLong(jitter + 1) : 0);
	}

	private static String orEmpty(@Nullable String value) {
		return (value != null) ? value : "";
	}

	private record Attempt(String taskId, String peerId, String hostId, boolean register, String url, String originUrl,
			String tag, String application, String digest, List<String> blocklist,
			@Nullable Map<String, String> headers) {
	}

}
