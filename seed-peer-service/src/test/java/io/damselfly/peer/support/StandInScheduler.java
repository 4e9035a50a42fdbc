package io.damselfly.peer.support;

import java.util.ArrayList;
import java.util.BitSet;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;

import io.damselfly.common.host.HostAnnounce;
import io.damselfly.common.host.HostAnnounceAck;
import io.damselfly.common.host.HostType;
import io.damselfly.common.peer.PeerOutcome;
import io.damselfly.common.peer.PeerRegistration;
import io.damselfly.common.peer.PieceReport;
import io.damselfly.common.peer.PieceResult;
import io.damselfly.common.peer.RescheduleRequest;
import io.damselfly.common.piece.PieceBitmap;
import io.damselfly.common.schedule.DecisionType;
import io.damselfly.common.schedule.LadderStep;
import io.damselfly.common.schedule.ParentInfo;
import io.damselfly.common.schedule.ScheduleDecision;
import io.damselfly.common.task.TaskMeta;
import reactor.core.publisher.Mono;
import reactor.netty.DisposableServer;
import reactor.netty.http.server.HttpServer;
import reactor.netty.http.server.HttpServerRequest;
import reactor.netty.http.server.HttpServerResponse;
import tools.jackson.databind.json.JsonMapper;

/**
 * A stand-in for the scheduler API, just enough for peer tests: the first peer of a task goes back to
 * source, later peers get the first as parent (plus any extra parents a test injects), digests come
 * from the first fetcher's reports.
 */
public final class StandInScheduler implements AutoCloseable {

	private final JsonMapper json = JsonMapper.builder().build();

	private final Map<String, HostAnnounce> hosts = new ConcurrentHashMap<>();

	private final Map<String, Task> tasks = new ConcurrentHashMap<>();

	private final Map<String, String> peerHosts = new ConcurrentHashMap<>();

	/** Piece results and outcomes received, for assertions. */
	public final List<PieceResult> results = new CopyOnWriteArrayList<>();

	public final Map<String, PeerOutcome> finished = new ConcurrentHashMap<>();

	public final Map<String, PeerOutcome> failed = new ConcurrentHashMap<>();

	public final List<RescheduleRequest> reschedules = new CopyOnWriteArrayList<>();

	/** While true, piece reports and "finished" are answered 503, as a scheduler whose Redis is gone. */
	public final AtomicBoolean refuseReports = new AtomicBoolean();

	/** Parents put before the real ones, per task. */
	public final Map<String, List<ParentInfo>> extraParents = new ConcurrentHashMap<>();

	private final DisposableServer server;

	static final class Task {

		volatile String originPeer;

		volatile long contentLength = -1;

		volatile long pieceSize;

		final Map<Integer, String> digests = new ConcurrentHashMap<>();

		final Map<String, BitSet> held = new ConcurrentHashMap<>();

	}

	public StandInScheduler() {
		server = HttpServer.create().host("127.0.0.1").port(0).route((r) -> r.route((req) -> true, this::handle))
			.bindNow();
	}

	public String url() {
		return "http://127.0.0.1:" + server.port();
	}

	public HostAnnounce host(String hostId) {
		return hosts.get(hostId);
	}

	private Mono<Void> handle(HttpServerRequest req, HttpServerResponse res) {
		String path = req.path();
		return req.receive().aggregate().asByteArray().defaultIfEmpty(new byte[0]).flatMap((body) -> {
			if (refuseReports.get() && (path.endsWith("/pieces") || path.endsWith("/finished"))) {
				return res.status(503).send().then();
			}
			Object answer = route(req.method().name(), "/" + path, body);
			if (answer == null) {
				return res.status(204).send().then();
			}
			return res.header("Content-Type", "application/json").sendByteArray(Mono.just(json.writeValueAsBytes(answer)))
				.then();
		});
	}

	private Object route(String method, String path, byte[] body) {
		String[] p = path.split("/");
		if (method.equals("POST") && path.equals("/api/v1/hosts")) {
			HostAnnounce a = json.readValue(body, HostAnnounce.class);
			hosts.put(a.hostId(), a);
			return new HostAnnounceAck(a.hostId(), 1, 3);
		}
		if (method.equals("POST") && path.equals("/api/v1/peers")) {
			PeerRegistration r = json.readValue(body, PeerRegistration.class);
			peerHosts.put(r.peerId(), r.hostId());
			return decide(r.taskId(), r.peerId(), List.of());
		}
		if (method.equals("POST") && p.length == 6 && p[5].equals("reschedule")) {
			RescheduleRequest r = json.readValue(body, RescheduleRequest.class);
			reschedules.add(r);
			return decide(r.taskId(), p[4], (r.blocklist() != null) ? r.blocklist() : List.of());
		}
		if (method.equals("POST") && p.length == 6 && p[5].equals("pieces")) {
			PieceReport r = json.readValue(body, PieceReport.class);
			Task t = tasks.computeIfAbsent(r.taskId(), (id) -> new Task());
			if (r.contentLength() != null && r.contentLength() >= 0) {
				t.contentLength = r.contentLength();
			}
			if (r.pieceSize() != null) {
				t.pieceSize = r.pieceSize();
			}
			for (PieceResult result : r.pieces()) {
				results.add(result);
				if (result.success()) {
					if (result.fromOrigin()) {
						t.digests.putIfAbsent(result.number(), result.digest());
					}
					t.held.computeIfAbsent(p[4], (k) -> new BitSet()).set(result.number());
				}
			}
			return null;
		}
		if (method.equals("POST") && p.length == 6 && p[5].equals("finished")) {
			PeerOutcome o = json.readValue(body, PeerOutcome.class);
			finished.put(p[4], o);
			if (o.contentLength() != null) {
				tasks.computeIfAbsent(o.taskId(), (id) -> new Task()).contentLength = o.contentLength();
			}
			return null;
		}
		if (method.equals("POST") && p.length == 6 && p[5].equals("failed")) {
			failed.put(p[4], json.readValue(body, PeerOutcome.class));
			return null;
		}
		return null;
	}

	private synchronized ScheduleDecision decide(String taskId, String peerId, List<String> blocklist) {
		Task t = tasks.computeIfAbsent(taskId, (id) -> new Task());
		if (t.originPeer == null || t.originPeer.equals(peerId)) {
			t.originPeer = peerId;
			return decision(DecisionType.BACK_TO_SOURCE, taskId, peerId, List.of(), t,
					"stand-in: first peer of the task fetches from origin", LadderStep.BACK_TO_SOURCE);
		}
		List<ParentInfo> parents = new ArrayList<>(extraParents.getOrDefault(taskId, List.of()));
		HostAnnounce origin = hosts.get(peerHosts.get(t.originPeer));
		if (origin != null) {
			BitSet bits = t.held.getOrDefault(t.originPeer, new BitSet());
			parents.add(new ParentInfo(t.originPeer, origin.hostId(), origin.url(), HostType.NORMAL,
					PieceBitmap.fromBitSet(bits).toBase64(), 0.9));
		}
		parents.removeIf((pi) -> blocklist.contains(pi.peerId()));
		if (parents.isEmpty()) {
			return decision(DecisionType.FAIL, taskId, peerId, parents, t, "stand-in: no parent left", LadderStep.FAIL);
		}
		return decision(DecisionType.PARENTS, taskId, peerId, parents, t, null, LadderStep.NONE);
	}

	private ScheduleDecision decision(DecisionType type, String taskId, String peerId, List<ParentInfo> parents,
			Task t, String reason, LadderStep step) {
		int count = (t.contentLength >= 0 && t.pieceSize > 0) ? (int) ((t.contentLength + t.pieceSize - 1) / t.pieceSize)
				: -1;
		int size = Math.max(count, t.digests.keySet().stream().mapToInt((n) -> n + 1).max().orElse(0));
		List<String> digests = new ArrayList<>();
		for (int n = 0; n < size; n++) {
			digests.add(t.digests.get(n));
		}
		TaskMeta meta = new TaskMeta(taskId, t.contentLength, t.pieceSize, count, digests);
		return new ScheduleDecision(type, taskId, peerId, 1, parents, meta, 100, reason, step);
	}

	@Override
	public void close() {
		server.disposeNow();
	}

}
