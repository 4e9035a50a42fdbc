package io.damselfly.scheduler.scheduling;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

import io.damselfly.common.cluster.ClusterConfig;
import io.damselfly.common.host.HealthSnapshot;
import io.damselfly.common.host.HealthStatus;
import io.damselfly.common.host.HostAnnounce;
import io.damselfly.common.host.HostType;
import io.damselfly.common.peer.PeerState;
import io.damselfly.common.piece.PieceBitmap;
import io.damselfly.common.task.TaskMeta;
import io.damselfly.scheduler.host.AnnouncedHealthPolicy;
import io.damselfly.scheduler.host.HostBreaker;
import io.damselfly.scheduler.host.HostRecord;
import io.damselfly.scheduler.host.HostStats;

/** Builders for plain scheduling tests. */
final class Fixtures {

	static final String TASK = "a".repeat(64);

	static final String ME = "me";

	static final String MY_HOST = "host-me";

	private Fixtures() {
	}

	static HostRecord host(String id, HostType type, HealthStatus status, String reason) {
		return new HostRecord(new HostAnnounce(id, id, "10.0.0." + Math.abs(id.hashCode() % 250), 8100, type, null, null,
				100, 0, new HealthSnapshot(status, null, reason, Map.of())), Instant.EPOCH);
	}

	static HostRecord host(String id) {
		return host(id, HostType.NORMAL, HealthStatus.UP, null);
	}

	static HostRecord host(String id, String idc, String location, int slots, int inFlight, HostType type) {
		return new HostRecord(new HostAnnounce(id, id, "10.0.0.9", 8100, type, idc, location, slots, inFlight,
				HealthSnapshot.up()), Instant.EPOCH);
	}

	/** A normal peer on its own healthy host holding the given pieces. */
	static Candidate peer(String id, int... pieces) {
		return candidate(id, "host-" + id, PeerState.RUNNING, host("host-" + id), pieces);
	}

	static Candidate candidate(String id, String hostId, PeerState state, HostRecord host, int... pieces) {
		byte[] bits = PieceBitmap.of(pieces).toRedisBytes();
		return new Candidate(id, hostId, state, bits, pieces.length, List.of(), host, HostStats.EMPTY, HostBreaker.CLOSED);
	}

	static Candidate withParents(Candidate c, String... parents) {
		return new Candidate(c.peerId(), c.hostId(), c.state(), c.pieces(), c.pieceCount(), List.of(parents), c.host(),
				c.stats(), c.breaker());
	}

	static Candidate withStats(Candidate c, HostStats stats) {
		return new Candidate(c.peerId(), c.hostId(), c.state(), c.pieces(), c.pieceCount(), c.parents(), c.host(), stats,
				c.breaker());
	}

	static Candidate withBreaker(Candidate c, HostBreaker breaker) {
		return new Candidate(c.peerId(), c.hostId(), c.state(), c.pieces(), c.pieceCount(), c.parents(), c.host(),
				c.stats(), breaker);
	}

	static Round round(List<Candidate> candidates) {
		return round(candidates, Set.of(), Map.of(), 0);
	}

	static Round round(List<Candidate> candidates, Set<String> blocklist, Map<String, List<String>> ancestry,
			int failuresBefore) {
		return new Round(TASK, ME, MY_HOST, host(MY_HOST), failuresBefore + 1, failuresBefore, blocklist,
				candidates.size(), 0, new ArrayList<>(candidates), ancestry, List.of(), null,
				new TaskMeta(TASK, 40L << 20, 4L << 20, 10, new ArrayList<>()));
	}

	static Round withOrigin(Round r, int originCount) {
		return new Round(r.taskId(), r.peerId(), r.hostId(), r.requesterHost(), r.attempt(), r.failuresBefore(),
				r.blocklist(), r.servableCount(), originCount, r.candidates(), r.ancestry(), r.seedPeers(),
				r.triggeredSeedId(), r.task());
	}

	static Round asSeedRequester(Round r) {
		return new Round(r.taskId(), r.peerId(), r.hostId(), host(MY_HOST, HostType.SEED, HealthStatus.UP, null),
				r.attempt(), r.failuresBefore(), r.blocklist(), r.servableCount(), r.originCount(), r.candidates(),
				r.ancestry(), r.seedPeers(), r.triggeredSeedId(), r.task());
	}

	static FilterContext context(Round round) {
		return new FilterContext(round, ClusterConfig.DEFAULTS, new AnnouncedHealthPolicy());
	}

	static ClusterConfig config(int retryBackToSourceLimit, int retryLimit, int backToSourceLimit) {
		return new ClusterConfig(4, 15, retryBackToSourceLimit, retryLimit, 500L, backToSourceLimit, null, null, null,
				null, null);
	}

	static Scheduler scheduler() {
		return new Scheduler(Filters.standard(), new Evaluator(), new AnnouncedHealthPolicy());
	}

}
