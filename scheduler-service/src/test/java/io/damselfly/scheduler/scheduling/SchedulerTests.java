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
import org.junit.jupiter.api.Test;

import static io.damselfly.scheduler.scheduling.Fixtures.candidate;
import static io.damselfly.scheduler.scheduling.Fixtures.host;
import static io.damselfly.scheduler.scheduling.Fixtures.peer;
import static io.damselfly.scheduler.scheduling.Fixtures.round;
import static org.assertj.core.api.Assertions.assertThat;

class SchedulerTests {

	private final Scheduler scheduler = Fixtures.scheduler();

	@Test
	void twoPeerTaskGivesTheOtherPeerAsParent() {
		Candidate me = candidate(Fixtures.ME, Fixtures.MY_HOST, PeerState.PENDING, host(Fixtures.MY_HOST));
		Candidate other = peer("other", 0, 1, 2, 3, 4, 5, 6, 7, 8, 9);
		Ranking ranking = scheduler.rank(round(List.of(me, other)), ClusterConfig.DEFAULTS);
		assertThat(ranking.parents()).extracting((r) -> r.candidate().peerId()).containsExactly("other");
		assertThat(ranking.step()).isEqualTo(LadderStep.NONE);
		assertThat(ranking.filtered().get(FilterReason.SELF)).isEqualTo(1);
	}

	@Test
	void selfAndADownHostLeaveNoParentAndCountBothReasons() {
		Candidate me = candidate(Fixtures.ME, Fixtures.MY_HOST, PeerState.RUNNING, host(Fixtures.MY_HOST), 0);
		Candidate sick = candidate("sick", "host-sick", PeerState.SUCCEEDED,
				host("host-sick", HostType.SEED, HealthStatus.DOWN, "diskSpace: used 91% > 85%"), 0, 1, 2);
		Ranking ranking = scheduler.rank(round(List.of(me, sick)), ClusterConfig.DEFAULTS);
		assertThat(ranking.hasParents()).isFalse();
		assertThat(ranking.filtered()).containsEntry(FilterReason.SELF, 1).containsEntry(FilterReason.HOST_DOWN, 1);
		assertThat(ranking.rejections()).containsEntry("sick", "host_down: diskSpace: used 91% > 85%");
		assertThat(ranking.summary(2)).isEqualTo("servable=2 sampled=2: self=1, host_down=1");
	}

	@Test
	void degradedHostsAreAdmittedOnTheFirstRungOnly() {
		Candidate slow = candidate("slow", "host-slow", PeerState.SUCCEEDED,
				host("host-slow", HostType.NORMAL, HealthStatus.DEGRADED, "diskIo slow"), 0);
		Ranking alone = scheduler.rank(round(List.of(slow)), ClusterConfig.DEFAULTS);
		assertThat(alone.step()).isEqualTo(LadderStep.ADMIT_PROBATION);
		assertThat(alone.parents()).hasSize(1);
		Ranking withHealthy = scheduler.rank(round(List.of(slow, peer("fine", 0))), ClusterConfig.DEFAULTS);
		assertThat(withHealthy.step()).isEqualTo(LadderStep.NONE);
		assertThat(withHealthy.parents()).extracting((r) -> r.candidate().peerId()).containsExactly("fine");
	}

	@Test
	void runningPeersWithoutPiecesAreAdmittedOnTheSecondRung() {
		Candidate empty = Fixtures.withParents(candidate("empty", "host-e", PeerState.RUNNING, host("host-e")), "x");
		Candidate slowEmpty = Fixtures.withParents(candidate("slow-empty", "host-s", PeerState.RUNNING,
				host("host-s", HostType.NORMAL, HealthStatus.DEGRADED, "slow")), "x");
		Ranking ranking = scheduler.rank(round(List.of(empty, slowEmpty)), ClusterConfig.DEFAULTS);
		assertThat(ranking.step()).isEqualTo(LadderStep.ADMIT_RUNNING_WITHOUT_PIECES);
		assertThat(ranking.parents()).hasSize(2);
		assertThat(ranking.filtered()).containsEntry(FilterReason.NOT_SERVABLE, 2);
	}

	@Test
	void keepsTheBestCandidateParentLimitBestFirst() {
		Candidate full = peer("full", 0, 1, 2, 3, 4, 5, 6, 7, 8, 9);
		Candidate half = peer("half", 0, 1, 2, 3, 4);
		Candidate one = peer("one", 0);
		ClusterConfig two = new ClusterConfig(2, 15, 5, 10, 500L, 200, null, null, null, null, null);
		Ranking ranking = scheduler.rank(round(List.of(one, half, full)), two);
		assertThat(ranking.parents()).extracting((r) -> r.candidate().peerId()).containsExactly("full", "half");
		assertThat(ranking.scores()).extracting((s) -> s.peerId()).containsExactly("full", "half", "one");
	}

	@Test
	void blocklistAndCycleUseTheRoundsData() {
		Candidate blocked = peer("blocked", 0);
		Candidate child = Fixtures.withParents(peer("child", 0), "mid");
		Ranking ranking = scheduler.rank(round(List.of(blocked, child), Set.of("blocked"),
				Map.of("mid", List.of(Fixtures.ME)), 0), ClusterConfig.DEFAULTS);
		assertThat(ranking.hasParents()).isFalse();
		assertThat(ranking.filtered()).containsEntry(FilterReason.BLOCKLISTED, 1).containsEntry(FilterReason.CYCLE, 1);
	}

}
