package io.damselfly.scheduler.scheduling;

import java.util.List;
import java.util.Map;
import java.util.Set;

import io.damselfly.common.cluster.ClusterConfig;
import io.damselfly.common.host.HealthStatus;
import io.damselfly.common.host.HostType;
import io.damselfly.common.peer.PeerState;
import io.damselfly.common.schedule.FilterReason;
import io.damselfly.common.schedule.LadderStep;
import io.damselfly.scheduler.host.HostStats;
import org.junit.jupiter.api.Test;

import static io.damselfly.scheduler.scheduling.Fixtures.candidate;
import static io.damselfly.scheduler.scheduling.Fixtures.context;
import static io.damselfly.scheduler.scheduling.Fixtures.host;
import static io.damselfly.scheduler.scheduling.Fixtures.peer;
import static io.damselfly.scheduler.scheduling.Fixtures.round;
import static org.assertj.core.api.Assertions.assertThat;

class FiltersTests {

	private static Rejection test(CandidateFilter filter, Candidate candidate) {
		return filter.test(candidate, context(round(List.of(candidate))));
	}

	@Test
	void selfRejectsTheRequestingPeerOnly() {
		Candidate me = candidate(Fixtures.ME, "host-x", PeerState.RUNNING, host("host-x"), 0);
		assertThat(test(new Filters.Self(), me).reason()).isEqualTo(FilterReason.SELF);
		assertThat(test(new Filters.Self(), peer("other", 0))).isNull();
	}

	@Test
	void blocklistedRejectsPeersTheRequesterReported() {
		Candidate bad = peer("bad", 0);
		Round round = round(List.of(bad), Set.of("bad"), Map.of(), 0);
		assertThat(new Filters.Blocklisted().test(bad, context(round)).reason()).isEqualTo(FilterReason.BLOCKLISTED);
		assertThat(new Filters.Blocklisted().test(peer("good", 0), context(round))).isNull();
	}

	@Test
	void sameHostRejectsPeersOnTheRequestersHost() {
		Candidate neighbour = candidate("n", Fixtures.MY_HOST, PeerState.RUNNING, host(Fixtures.MY_HOST), 0);
		assertThat(test(new Filters.SameHost(), neighbour).reason()).isEqualTo(FilterReason.SAME_HOST);
		assertThat(test(new Filters.SameHost(), peer("far", 0))).isNull();
	}

	@Test
	void hostKnownRejectsPeersWhoseHostAnnounceExpired() {
		Candidate orphan = new Candidate("o", "host-gone", PeerState.SUCCEEDED, new byte[] { (byte) 0x80 }, 1, List.of(),
				null, HostStats.EMPTY, io.damselfly.scheduler.host.HostBreaker.CLOSED);
		Rejection rejection = test(new Filters.HostKnown(), orphan);
		assertThat(rejection.reason()).isEqualTo(FilterReason.HOST_UNKNOWN);
		assertThat(rejection.detail()).contains("host-gone");
		assertThat(test(new Filters.HostKnown(), peer("p", 0))).isNull();
	}

	@Test
	void servableAdmitsPeersWithAPieceAndSeedsFetchingWithNone() {
		assertThat(test(new Filters.Servable(), peer("p", 3))).isNull();
		Candidate fetchingSeed = candidate("s", "host-s", PeerState.BACK_TO_SOURCE,
				host("host-s", HostType.SEED, HealthStatus.UP, null));
		assertThat(test(new Filters.Servable(), fetchingSeed)).isNull();
	}

	@Test
	void servableRejectsFailedPeersForGoodAndRunningEmptyPeersUntilTheSecondRung() {
		Rejection failed = test(new Filters.Servable(),
				candidate("f", "host-f", PeerState.FAILED, host("host-f"), 0, 1));
		assertThat(failed.reason()).isEqualTo(FilterReason.NOT_SERVABLE);
		assertThat(failed.isHard()).isTrue();
		Candidate empty = Fixtures.withParents(candidate("e", "host-e", PeerState.RUNNING, host("host-e")), "x");
		Rejection running = test(new Filters.Servable(), empty);
		assertThat(running.reason()).isEqualTo(FilterReason.NOT_SERVABLE);
		assertThat(running.admittedAt()).isEqualTo(LadderStep.ADMIT_RUNNING_WITHOUT_PIECES);
		Rejection noParent = test(new Filters.Servable(), candidate("n", "host-n", PeerState.RUNNING, host("host-n")));
		assertThat(noParent.isHard()).isTrue();
	}

	@Test
	void hostHealthRejectsDownHostsWithTheirReasonAndPutsDegradedOnProbation() {
		Candidate sick = candidate("sick", "host-sick", PeerState.SUCCEEDED,
				host("host-sick", HostType.NORMAL, HealthStatus.DOWN, "diskSpace: used 91% > 85%"), 0, 1);
		Rejection down = test(new Filters.HostHealth(), sick);
		assertThat(down.reason()).isEqualTo(FilterReason.HOST_DOWN);
		assertThat(down.detail()).isEqualTo("diskSpace: used 91% > 85%");
		assertThat(down.isHard()).isTrue();
		Candidate slow = candidate("slow", "host-slow", PeerState.SUCCEEDED,
				host("host-slow", HostType.NORMAL, HealthStatus.DEGRADED, "diskIo: fsync 900 ms"), 0);
		Rejection degraded = test(new Filters.HostHealth(), slow);
		assertThat(degraded.reason()).isEqualTo(FilterReason.PROBATION);
		assertThat(degraded.admittedAt()).isEqualTo(LadderStep.ADMIT_PROBATION);
		assertThat(test(new Filters.HostHealth(), peer("ok", 0))).isNull();
	}

	@Test
	void hostHealthFiltersEjectedHostsAsEjectedThroughThePolicySeam() {
		Candidate c = peer("p", 0);
		FilterContext context = new FilterContext(round(List.of(c)), ClusterConfig.DEFAULTS,
				(host, stats, breaker, requester) -> new io.damselfly.scheduler.host.HostVerdict(
						io.damselfly.scheduler.host.HostCondition.EJECTED, "manager: EJECTED", "OPEN"));
		Rejection rejection = new Filters.HostHealth().test(c, context);
		assertThat(rejection.reason()).isEqualTo(FilterReason.EJECTED);
		assertThat(rejection.detail()).isEqualTo("manager: EJECTED");
	}

	@Test
	void aSeedTakesOnlySeedsWholeCopiesAndOriginFetchersNeverAPeerFedByPeers() {
		Round asPeer = round(List.of());
		Round asSeed = new Round(asPeer.taskId(), asPeer.peerId(), asPeer.hostId(),
				host(asPeer.hostId(), null, null, 10, 0, HostType.SEED), asPeer.attempt(), asPeer.failuresBefore(),
				asPeer.blocklist(), asPeer.servableCount(), asPeer.originCount(), asPeer.candidates(), asPeer.ancestry(),
				asPeer.seedPeers(), asPeer.triggeredSeedId(), asPeer.task());
		Candidate fedByPeers = candidate("r", "host-r", PeerState.RUNNING, host("host-r"), 3);
		Candidate whole = candidate("s", "host-s", PeerState.SUCCEEDED, host("host-s"), 10);
		Candidate atOrigin = candidate("o", "host-o", PeerState.BACK_TO_SOURCE, host("host-o"), 2);
		Candidate seed = candidate("d", "host-d", PeerState.RUNNING, host("host-d", null, null, 10, 0, HostType.SEED), 1);
		Filters.SeedParents filter = new Filters.SeedParents();
		Rejection rejected = filter.test(fedByPeers, context(asSeed));
		assertThat(rejected.reason()).isEqualTo(FilterReason.NOT_ORIGIN_FED);
		assertThat(rejected.detail()).contains("RUNNING");
		assertThat(filter.test(whole, context(asSeed))).isNull();
		assertThat(filter.test(atOrigin, context(asSeed))).isNull();
		assertThat(filter.test(seed, context(asSeed))).isNull();
		// A normal peer may take a peer fed by peers, as always.
		assertThat(filter.test(fedByPeers, context(asPeer))).isNull();
	}

	@Test
	void sharingRejectsHostsOfferingNoSlot() {
		Candidate closed = candidate("c", "host-c", PeerState.SUCCEEDED, host("host-c", null, null, 0, 0, HostType.NORMAL),
				0);
		assertThat(test(new Filters.Sharing(), closed).reason()).isEqualTo(FilterReason.NOT_SHARING);
		assertThat(test(new Filters.Sharing(), peer("p", 0))).isNull();
	}

	@Test
	void uploadSlotsRejectsHostsWithEverySlotBusyCountingTheClusterCap() {
		Candidate busy = candidate("b", "host-b", PeerState.SUCCEEDED,
				host("host-b", null, null, 10, 10, HostType.NORMAL), 0);
		assertThat(test(new Filters.UploadSlots(), busy).reason()).isEqualTo(FilterReason.NO_UPLOAD_SLOTS);
		Candidate free = candidate("f", "host-f", PeerState.SUCCEEDED, host("host-f", null, null, 10, 9, HostType.NORMAL),
				0);
		assertThat(test(new Filters.UploadSlots(), free)).isNull();
		// 500 offered, but the cluster allows normal peers 200: 250 in flight is full.
		Candidate capped = candidate("c", "host-c", PeerState.SUCCEEDED,
				host("host-c", null, null, 500, 250, HostType.NORMAL), 0);
		assertThat(test(new Filters.UploadSlots(), capped).reason()).isEqualTo(FilterReason.NO_UPLOAD_SLOTS);
	}

	@Test
	void badNodeRejectsHostsWhoseLastCostStandsOut() {
		HostStats stats = HostStats.EMPTY;
		for (long cost : new long[] { 10, 12, 11, 9, 500 }) {
			stats = stats.withCost(cost);
		}
		Rejection rejection = test(new Filters.BadNode(), Fixtures.withStats(peer("slow", 0), stats));
		assertThat(rejection.reason()).isEqualTo(FilterReason.BAD_NODE);
		assertThat(rejection.detail()).contains("500 ms").contains("20 x mean");
		assertThat(rejection.admittedAt()).as("relaxed when nothing else is left").isEqualTo(LadderStep.ADMIT_PROBATION);
		assertThat(test(new Filters.BadNode(), peer("fresh", 0))).isNull();
	}

	@Test
	void cycleRejectsCandidatesThatDownloadFromTheRequesterDirectlyOrNot() {
		Candidate child = Fixtures.withParents(peer("child", 0), Fixtures.ME);
		assertThat(test(new Filters.Cycle(), child).reason()).isEqualTo(FilterReason.CYCLE);
		Candidate grandchild = Fixtures.withParents(peer("grandchild", 0), "mid");
		Round round = round(List.of(grandchild), Set.of(), Map.of("mid", List.of("other", Fixtures.ME)), 0);
		assertThat(new Filters.Cycle().test(grandchild, context(round)).reason()).isEqualTo(FilterReason.CYCLE);
		Candidate unrelated = Fixtures.withParents(peer("unrelated", 0), "other");
		assertThat(test(new Filters.Cycle(), unrelated)).isNull();
	}

}
