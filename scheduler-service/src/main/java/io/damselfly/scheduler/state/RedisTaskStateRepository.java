package io.damselfly.scheduler.state;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import io.damselfly.common.peer.PeerState;
import io.damselfly.common.peer.PieceResult;
import io.damselfly.scheduler.state.RoundData.CandidateRow;
import io.damselfly.scheduler.state.RoundData.SeedRow;
import io.lettuce.core.KeyValue;
import io.lettuce.core.ScriptOutputType;
import io.lettuce.core.SetArgs;
import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Mono;

/**
 * Tasks and peers in Redis (key layout in {@link RedisKeys}). Every operation is one script call or
 * one pipelined batch, independent of the number of candidates, except a scheduling round, which is two
 * script calls: every script declares every key it touches in KEYS (Redis Cluster routes and checks by
 * them), and the sampled candidates' keys are only known once the first call has drawn the sample.
 */
public class RedisTaskStateRepository implements TaskStateRepository {

	private static final LuaScript ROUND = LuaScript.load("schedule_round.lua", ScriptOutputType.MULTI);

	private static final LuaScript ROWS = LuaScript.load("peer_rows.lua", ScriptOutputType.MULTI);

	private static final LuaScript REPORT = LuaScript.load("report_pieces.lua", ScriptOutputType.MULTI);

	private static final LuaScript VIEW = LuaScript.load("task_view.lua", ScriptOutputType.MULTI);

	private static final LuaScript COMMIT = LuaScript.load("schedule_commit.lua", ScriptOutputType.INTEGER);

	private static final LuaScript OUTCOME = LuaScript.load("peer_outcome.lua", ScriptOutputType.INTEGER);

	private static final LuaScript CLEAR_TRIGGER = LuaScript.load("clear_seed_trigger.lua", ScriptOutputType.INTEGER);

	private final RedisLink redis;

	public RedisTaskStateRepository(RedisLink redis) {
		this.redis = redis;
	}

	private Mono<List<Object>> multi(LuaScript script, List<String> keys, List<String> args) {
		return redis.eval(script, keys.toArray(new String[0]), args).map(Replies::unwrap);
	}

	private Mono<Long> integer(LuaScript script, List<String> keys, List<String> args) {
		return redis.eval(script, keys.toArray(new String[0]), args)
			.map((replies) -> replies.isEmpty() ? 0L : Replies.num(replies.get(0), 0));
	}

	@Override
	public Mono<RoundData> openRound(RoundQuery q) {
		String t = q.taskId();
		List<String> keys = new ArrayList<>(RedisKeys.taskKeys(t));
		keys.addAll(List.of(RedisKeys.seedTrigger(t), RedisKeys.peer(t, q.peerId()), RedisKeys.pieces(t, q.peerId()),
				RedisKeys.blocklist(t, q.peerId()), RedisKeys.attempts(t, q.peerId())));
		List<String> args = new ArrayList<>(14 + q.blocklistAdditions().size());
		args.addAll(List.of(q.peerId(), q.hostId(), Long.toString(q.nowMillis()), q.register() ? "1" : "0",
				Integer.toString(q.sampleLimit()), Long.toString(q.taskTtlSeconds()), Long.toString(q.peerTtlSeconds()),
				Integer.toString(q.sampleLimit() + q.ancestryBudget()), q.credentials() ? "1" : "0", q.url(), q.originUrl(),
				q.tag(), q.application(), q.digest()));
		args.addAll(q.blocklistAdditions());
		return multi(ROUND, keys, args).flatMap((r) -> "OK".equals(Replies.str(r.get(0)))
				? readRows(t, Replies.list(r.get(11)), Replies.list(r.get(13))).map((rows) -> parseRound(t, r, rows))
				: Mono.empty());
	}

	/** Reads the sampled candidates' and the seeds' records, with their keys declared; nothing when none. */
	private Mono<List<Object>> readRows(String t, List<Object> sampled, List<Object> seeds) {
		if (sampled.isEmpty() && seeds.isEmpty()) {
			return Mono.just(List.of(List.of(), List.of()));
		}
		List<String> keys = new ArrayList<>(2 * sampled.size() + seeds.size());
		for (Object id : sampled) {
			keys.add(RedisKeys.peer(t, Replies.str(id)));
			keys.add(RedisKeys.pieces(t, Replies.str(id)));
		}
		for (Object id : seeds) {
			keys.add(RedisKeys.peer(t, Replies.str(id)));
		}
		return multi(ROWS, keys, List.of(Integer.toString(sampled.size())));
	}

	private static RoundData parseRound(String taskId, List<Object> r, List<Object> peerRows) {
		List<Object> meta = Replies.list(r.get(8));
		Map<Integer, String> digests = new HashMap<>();
		List<Object> pairs = Replies.list(r.get(9));
		for (int i = 0; i + 1 < pairs.size(); i += 2) {
			digests.put(Replies.integer(pairs.get(i), -1), Replies.str(pairs.get(i + 1)));
		}
		TaskRecord task = new TaskRecord(taskId, Replies.str(meta.get(3)), Replies.str(meta.get(4)),
				Replies.str(meta.get(5)), Replies.str(meta.get(6)), Replies.str(meta.get(7)),
				Replies.num(meta.get(0), -1), Replies.num(meta.get(1), 0), Replies.integer(meta.get(2), -1), digests);
		Set<String> blocklist = new HashSet<>();
		for (Object id : Replies.list(r.get(10))) {
			blocklist.add(Replies.str(id));
		}
		List<Object> sampled = Replies.list(r.get(11));
		List<Object> rows = Replies.list(peerRows.get(0));
		List<CandidateRow> candidates = new ArrayList<>(rows.size());
		for (int i = 0; i < rows.size(); i++) {
			List<Object> f = Replies.list(rows.get(i));
			candidates.add(new CandidateRow(Replies.str(sampled.get(i)), Replies.state(f.get(0)), Replies.str(f.get(1)),
					Replies.bytes(f.get(2))));
		}
		Map<String, List<String>> ancestry = new HashMap<>();
		List<Object> edges = Replies.list(r.get(12));
		for (int i = 0; i + 1 < edges.size(); i += 2) {
			ancestry.put(Replies.str(edges.get(i)), Replies.commaSeparated(edges.get(i + 1)));
		}
		List<Object> seedIds = Replies.list(r.get(13));
		List<Object> seedRows = Replies.list(peerRows.get(1));
		List<SeedRow> seeds = new ArrayList<>(seedRows.size());
		for (int i = 0; i < seedRows.size(); i++) {
			List<Object> f = Replies.list(seedRows.get(i));
			seeds.add(new SeedRow(Replies.str(seedIds.get(i)), Replies.state(f.get(0)), Replies.str(f.get(1))));
		}
		return new RoundData(Replies.integer(r.get(1), 1), Replies.state(r.get(2)), Replies.str(r.get(3)),
				Replies.integer(r.get(4), 0), Replies.integer(r.get(5), 0), Replies.integer(r.get(6), 0),
				Replies.nonEmpty(r.get(7)), task, blocklist, candidates, ancestry, seeds);
	}

	@Override
	public Mono<Void> recordDecision(DecisionRecord d) {
		String t = d.taskId();
		List<String> keys = List.of(RedisKeys.peer(t, d.peerId()), RedisKeys.peers(t), RedisKeys.servable(t),
				RedisKeys.running(t), RedisKeys.origin(t), RedisKeys.seeds(t), RedisKeys.parents(t),
				RedisKeys.attempts(t, d.peerId()), RedisKeys.given(t, d.peerId()));
		List<String> args = List.of(d.peerId(), d.type().name(), String.join(",", d.parents()),
				d.requesterIsSeed() ? "1" : "0", d.attemptJson(), Integer.toString(d.explanationLimit()),
				Long.toString(d.peerTtlSeconds()), Long.toString(d.nowMillis()));
		return integer(COMMIT, keys, args).then();
	}

	@Override
	public Mono<BatchOutcome> applyPieces(PieceBatch b) {
		String t = b.taskId();
		List<String> keys = new ArrayList<>(List.of(RedisKeys.task(t), RedisKeys.digests(t), RedisKeys.peers(t),
				RedisKeys.servable(t), RedisKeys.running(t), RedisKeys.peer(t, b.peerId()), RedisKeys.pieces(t, b.peerId()),
				RedisKeys.blocklist(t, b.peerId()), RedisKeys.origin(t), RedisKeys.given(t, b.peerId())));
		b.results().stream()
			.filter((p) -> p.parentPeerId() != null && !p.parentPeerId().isEmpty()
					&& (p.parentHostId() == null || p.parentHostId().isEmpty()))
			.map((p) -> RedisKeys.peer(t, p.parentPeerId()))
			.distinct()
			.forEach(keys::add);
		List<String> args = new ArrayList<>(8 + 5 * b.results().size());
		args.addAll(List.of(b.peerId(), text(b.contentLength()), text(b.pieceSize()), text(b.pieceCount()),
				Long.toString(b.peerTtlSeconds()), Long.toString(b.taskTtlSeconds()), Long.toString(b.nowMillis()),
				RedisKeys.peerPrefix(t)));
		for (PieceResult p : b.results()) {
			args.add(Integer.toString(p.number()));
			args.add(p.success() ? "1" : "0");
			args.add(text(p.digest()));
			args.add(text(p.parentPeerId()));
			args.add(text(p.parentHostId()));
		}
		return multi(REPORT, keys, args).map((r) -> {
			String status = Replies.str(r.get(0));
			return switch (status) {
				case "OK" -> {
					List<String> hosts = new ArrayList<>();
					for (Object host : Replies.list(r.get(2))) {
						hosts.add(Replies.str(host));
					}
					yield new BatchOutcome(BatchOutcome.Status.OK, Replies.str(r.get(1)), hosts, -1, -1, "");
				}
				case "RANGE" -> new BatchOutcome(BatchOutcome.Status.RANGE, "", List.of(), Replies.integer(r.get(1), -1),
						Replies.integer(r.get(2), -1), "");
				case "GONE" -> new BatchOutcome(BatchOutcome.Status.GONE, "", List.of(), -1, -1, Replies.str(r.get(1)));
				case "FORBIDDEN" -> new BatchOutcome(BatchOutcome.Status.FORBIDDEN, "", List.of(),
						Replies.integer(r.get(1), -1), -1, "");
				default -> new BatchOutcome(BatchOutcome.Status.NOT_FOUND, "", List.of(), -1, -1, "");
			};
		});
	}

	@Override
	public Mono<Boolean> endPeer(PeerEnd e) {
		String t = e.taskId();
		List<String> keys = List.of(RedisKeys.peer(t, e.peerId()), RedisKeys.peers(t), RedisKeys.servable(t),
				RedisKeys.running(t), RedisKeys.origin(t), RedisKeys.seeds(t), RedisKeys.parents(t),
				RedisKeys.pieces(t, e.peerId()), RedisKeys.blocklist(t, e.peerId()), RedisKeys.task(t));
		List<String> args = List.of(e.peerId(), e.outcome().name(), text(e.contentLength()), text(e.pieceSize()),
				text(e.pieceCount()), Long.toString(e.nowMillis()), Long.toString(e.peerTtlSeconds()));
		return integer(OUTCOME, keys, args).map((done) -> done == 1L);
	}

	@Override
	public Mono<Void> indexPeer(String peerId, String taskId, Duration ttl) {
		return redis.mono((c) -> c.set(RedisKeys.peerTask(peerId), RedisLink.bytes(taskId), SetArgs.Builder.ex(ttl)))
			.then();
	}

	@Override
	public Mono<String> taskOfPeer(String peerId) {
		return redis.mono((c) -> c.get(RedisKeys.peerTask(peerId))).map(Replies::str);
	}

	@Override
	public Mono<TaskSummary> summary(String taskId) {
		List<String> keys = List.of(RedisKeys.task(taskId), RedisKeys.peers(taskId), RedisKeys.origin(taskId),
				RedisKeys.digests(taskId), RedisKeys.servable(taskId));
		return multi(VIEW, keys, List.of()).flatMap((r) -> {
			if (!"OK".equals(Replies.str(r.get(0)))) {
				return Mono.empty();
			}
			List<Object> meta = Replies.list(r.get(1));
			Map<PeerState, Integer> byState = new EnumMap<>(PeerState.class);
			for (Object value : Replies.list(r.get(2))) {
				PeerState state = Replies.state(value);
				if (state != null) {
					byState.merge(state, 1, Integer::sum);
				}
			}
			return Mono.just(new TaskSummary(taskId, Replies.nonEmpty(meta.get(0)), Replies.num(meta.get(1), -1),
					Replies.num(meta.get(2), 0), Replies.integer(meta.get(3), -1), Replies.integer(r.get(4), 0), byState,
					Replies.integer(r.get(3), 0), Replies.integer(r.get(5), 0), "1".equals(Replies.str(meta.get(6))),
					instant(meta.get(4)), instant(meta.get(5))));
		});
	}

	@Override
	public Mono<PeerHistory> history(String taskId, String peerId) {
		Mono<List<KeyValue<String, byte[]>>> fields = redis
			.flux((c) -> c.hmget(RedisKeys.peer(taskId, peerId), "state", "hostId")).collectList();
		Mono<List<String>> attempts = redis.flux((c) -> c.lrange(RedisKeys.attempts(taskId, peerId), 0, -1))
			.map(Replies::str).collectList();
		return Mono.zip(fields, attempts).flatMap((both) -> {
			List<KeyValue<String, byte[]>> f = both.getT1();
			PeerState state = f.get(0).hasValue() ? Replies.state(f.get(0).getValue()) : null;
			if (state == null) {
				return Mono.empty();
			}
			String hostId = f.get(1).hasValue() ? Replies.str(f.get(1).getValue()) : "";
			return Mono.just(new PeerHistory(taskId, hostId, state, both.getT2()));
		});
	}

	@Override
	public Mono<Boolean> markSeedTriggered(String taskId, String seedNodeId, Duration ttl) {
		return redis
			.mono((c) -> c.set(RedisKeys.seedTrigger(taskId), RedisLink.bytes(seedNodeId), SetArgs.Builder.nx().px(ttl)))
			.map("OK"::equals).defaultIfEmpty(false);
	}

	@Override
	public Mono<Void> clearSeedTrigger(String taskId, String seedNodeId) {
		return integer(CLEAR_TRIGGER, List.of(RedisKeys.seedTrigger(taskId)), List.of(seedNodeId)).then();
	}

	private static String text(@Nullable Object value) {
		return (value != null) ? value.toString() : "";
	}

	private static @Nullable Instant instant(@Nullable Object reply) {
		long millis = Replies.num(reply, -1);
		return (millis < 0) ? null : Instant.ofEpochMilli(millis);
	}

}
