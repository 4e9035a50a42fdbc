package io.damselfly.scheduler.scheduling;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ThreadLocalRandom;

import io.damselfly.common.cluster.ClusterConfig;
import io.damselfly.common.id.TaskIds;
import io.damselfly.common.peer.PeerRegistration;
import io.damselfly.common.peer.RescheduleRequest;
import io.damselfly.common.schedule.DecisionType;
import io.damselfly.common.schedule.FilterReason;
import io.damselfly.common.schedule.LadderStep;
import io.damselfly.common.schedule.ParentInfo;
import io.damselfly.common.schedule.ScheduleAttempt;
import io.damselfly.common.schedule.ScheduleDecision;
import io.damselfly.scheduler.config.ClusterConfigSource;
import io.damselfly.scheduler.config.InstanceId;
import io.damselfly.scheduler.config.SchedulerProperties;
import io.damselfly.scheduler.host.HostBreaker;
import io.damselfly.scheduler.host.HostEjectionPolicy;
import io.damselfly.scheduler.host.HostRecord;
import io.damselfly.scheduler.host.HostStats;
import io.damselfly.scheduler.metrics.SchedulerMetrics;
import io.damselfly.scheduler.state.DecisionRecord;
import io.damselfly.scheduler.state.HostRepository;
import io.damselfly.scheduler.state.HostRepository.HostEntry;
import io.damselfly.scheduler.state.RoundData;
import io.damselfly.scheduler.state.RoundQuery;
import io.damselfly.scheduler.state.TaskStateRepository;
import io.damselfly.service.web.ApiException;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;
import tools.jackson.databind.json.JsonMapper;

/**
 * Runs one scheduling attempt (docs/architecture.md#scheduling) from request to recorded decision: read the round (one
 * script), read its hosts with their statistics and shared breakers (one MGET), filter and score
 * ({@link Scheduler}), take probation grants if a parent's host is half-open ({@link BreakerGate}, no
 * round trip otherwise), climb the ladder ({@link RelaxationLadder}, triggering a seed if needed),
 * then record the decision and its explanation (one script), count it and log it.
 */
public class SchedulingService {

	private static final Logger logger = LoggerFactory.getLogger(SchedulingService.class);

	private final TaskStateRepository tasks;

	private final HostRepository hosts;

	private final Scheduler scheduler;

	private final HostEjectionPolicy policy;

	private final BreakerGate gate;

	private final RelaxationLadder ladder;

	private final SeedOutlookSource seeds;

	private final ClusterConfigSource configs;

	private final SchedulerMetrics metrics;

	private final JsonMapper json;

	private final SchedulerProperties properties;

	private final InstanceId instance;

	private final Clock clock;

	private final Set<String> filteredQueryParams;

	public SchedulingService(TaskStateRepository tasks, HostRepository hosts, Scheduler scheduler,
			HostEjectionPolicy policy, BreakerGate gate, RelaxationLadder ladder, SeedOutlookSource seeds,
			ClusterConfigSource configs, SchedulerMetrics metrics, JsonMapper json, SchedulerProperties properties,
			InstanceId instance, Clock clock) {
		this.tasks = tasks;
		this.hosts = hosts;
		this.scheduler = scheduler;
		this.policy = policy;
		this.gate = gate;
		this.ladder = ladder;
		this.seeds = seeds;
		this.configs = configs;
		this.metrics = metrics;
		this.json = json;
		this.properties = properties;
		this.instance = instance;
		this.clock = clock;
		this.filteredQueryParams = TaskIds.parseFilter(properties.filteredQueryParams());
	}

	/**
	 * The task id of a registration: derived from the URL, or the blob id of its digest when the peer
	 * asks for a content-addressed task (docs/architecture.md#registry-mirror-and-proxy); 400 when the URL is
	 * invalid or a given task id is neither.
	 */
	public String taskIdOf(PeerRegistration registration) {
		try {
			return TaskIds.resolve(registration.taskId(), registration.url(), registration.tag(),
					registration.application(), registration.digest(), filteredQueryParams);
		}
		catch (IllegalArgumentException ex) {
			throw ApiException.badRequest(ex.getMessage());
		}
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
				a.application, a.digest, a.blocklist, config.filterParentLimit(), properties.cycleSearchLimit(),
				config.taskTtlSeconds(), config.peerTtlSeconds(), now);
		// The policy's outside inputs (the manager's node states) are in memory: this waits only at startup.
		return policy.refresh().then(tasks.openRound(query))
			.switchIfEmpty(Mono.error(() -> ApiException
				.notFound("peer " + a.peerId + " is not registered for task " + a.taskId)))
			// Off Lettuce's single I/O thread: deciding is CPU work, and that thread serves every Redis reply.
			.flatMap((data) -> hosts.findAll(hostIds(data)).publishOn(Schedulers.parallel()).flatMap((entries) -> {
				gate.seen(entries);
				Round round = round(a.taskId, a.peerId, data, entries);
				Ranking ranking = scheduler.rank(round, config);
				if (gate.needsGrants(ranking)) {
					return gate.admit(round, ranking).publishOn(Schedulers.parallel())
						.flatMap((granted) -> decide(a, round, granted, data, config, started, now));
				}
				return decide(a, round, ranking, data, config, started, now);
			}));
	}

	private Mono<ScheduleDecision> decide(Attempt a, Round round, Ranking ranking, RoundData data, ClusterConfig config,
			long started, long now) {
		Mono<LadderVerdict> verdict;
		if (ranking.hasParents()) {
			verdict = Mono.just(new LadderVerdict(DecisionType.PARENTS, ranking.step(), null, 0, ""));
		}
		else if (round.requesterIsSeed()) {
			verdict = Mono.just(ladder.seedFirstFetch(ranking, round));
		}
		else {
			verdict = seeds.outlook(round, ranking, data.task(), config, a.headers)
				.map((outlook) -> ladder.withoutParents(ranking, round, outlook, config, retryAfter(config)));
		}
		return verdict.flatMap((v) -> {
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
			ScheduleAttempt explanation = explanation(round, ranking, decision, now, took);
			DecisionRecord record = new DecisionRecord(round.taskId(), round.peerId(), v.type(), parentIds,
					round.requesterIsSeed(), json.writeValueAsString(explanation), properties.explanationLimit(),
					config.peerTtlSeconds(), now);
			return tasks.recordDecision(record).publishOn(Schedulers.parallel()).then(Mono.fromSupplier(() -> {
				observe(round, ranking, decision, v, Duration.ofNanos(System.nanoTime() - started));
				return decision;
			}));
		});
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

	private ScheduleAttempt explanation(Round round, Ranking ranking, ScheduleDecision decision, long now,
			Duration took) {
		List<String> sampled = new ArrayList<>(round.candidates().size());
		for (Candidate c : round.candidates()) {
			sampled.add(c.peerId());
		}
		Map<String, Integer> filtered = new LinkedHashMap<>();
		ranking.filtered().forEach((reason, count) -> filtered.put(reason.tag(), count));
		return new ScheduleAttempt(round.attempt(), Instant.ofEpochMilli(now), instance.get(), round.servableCount(),
				sampled, filtered, ranking.rejections(), ranking.scores(), decision.ladderStep(), decision.type(),
				decision.reason(), took.toNanos() / 1000);
	}

	private void observe(Round round, Ranking ranking, ScheduleDecision decision, LadderVerdict verdict,
			Duration took) {
		metrics.decided(decision.type(), took);
		ranking.filtered().forEach(metrics::filtered);
		if (logger.isInfoEnabled()) {
			logger.info(attemptLine(round, ranking, decision));
		}
		if (decision.type() == DecisionType.BACK_TO_SOURCE) {
			metrics.backToSource(verdict.metricReason());
			String line = "back-to-source: task=" + round.taskId() + " peer=" + round.peerId() + " attempt="
					+ round.attempt() + " step=" + decision.ladderStep() + " reason=" + decision.reason();
			if (decision.ladderStep() == LadderStep.SEED_FIRST_FETCH) {
				logger.info(line);
			}
			else {
				logger.warn(line);
			}
		}
		else if (decision.type() != DecisionType.PARENTS) {
			String line = "scheduling failed in " + (round.failuresBefore() + 1) + " times: task="
					+ shortId(round.taskId()) + " peer=" + round.peerId() + " decision=" + decision.type() + " step="
					+ decision.ladderStep() + " reason=" + decision.reason();
			if (decision.type() == DecisionType.FAIL) {
				logger.warn(line);
			}
			else {
				logger.info(line);
			}
		}
	}

	/** {@code filter candidate parents: task=… peer=… attempt=3 servable=12 sampled=12 self=1 … kept=2 step=NONE decision=PARENTS} */
	static String attemptLine(Round round, Ranking ranking, ScheduleDecision decision) {
		StringBuilder line = new StringBuilder(320).append("filter candidate parents: task=")
			.append(shortId(round.taskId())).append(" peer=").append(round.peerId()).append(" attempt=")
			.append(round.attempt()).append(" servable=").append(round.servableCount()).append(" sampled=")
			.append(ranking.sampled());
		for (Map.Entry<FilterReason, Integer> entry : ranking.filtered().entrySet()) {
			line.append(' ').append(entry.getKey().tag()).append('=').append(entry.getValue());
		}
		return line.append(" kept=").append(ranking.scores().size()).append(" parents=")
			.append(decision.parents().size()).append(" step=").append(decision.ladderStep()).append(" decision=")
			.append(decision.type()).toString();
	}

	private long retryAfter(ClusterConfig config) {
		long interval = config.retryIntervalMillis();
		long jitter = (long) (interval * properties.retryJitter());
		return interval + ((jitter > 0) ? ThreadLocalRandom.current().nextLong(jitter + 1) : 0);
	}

	private static String shortId(String taskId) {
		return (taskId.length() > 8) ? taskId.substring(0, 8) : taskId;
	}

	private static String orEmpty(@Nullable String value) {
		return (value != null) ? value : "";
	}

	private record Attempt(String taskId, String peerId, String hostId, boolean register, String url, String originUrl,
			String tag, String application, String digest, List<String> blocklist,
			@Nullable Map<String, String> headers) {
	}

}
