package io.damselfly.scheduler.scheduling;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;

import io.damselfly.common.cluster.ClusterConfig;
import io.damselfly.common.schedule.FilterReason;
import io.damselfly.common.schedule.LadderStep;
import io.damselfly.scheduler.host.HostBreakerProperties;
import io.damselfly.scheduler.host.AnnouncedHealthPolicy;
import io.damselfly.scheduler.host.BreakerPolicy;
import io.damselfly.scheduler.host.CombinedHostPolicy;
import io.damselfly.scheduler.host.HostBreaker;
import org.junit.jupiter.api.Test;

import static io.damselfly.scheduler.scheduling.Fixtures.peer;
import static io.damselfly.scheduler.scheduling.Fixtures.round;
import static io.damselfly.scheduler.scheduling.Fixtures.withBreaker;
import static org.assertj.core.api.Assertions.assertThat;

/** Filtering and the ladder's first rung with hosts whose shared breaker is open or half-open. */
class HostBreakerSchedulingTests {

	private static final long T0 = 1_700_000_000_000L;

	private static final long PROBATION = T0 + HostBreakerProperties.DEFAULTS.openDuration().toMillis();

	private static Scheduler at(long now) {
		Clock clock = Clock.fixed(Instant.ofEpochMilli(now), ZoneOffset.UTC);
		return new Scheduler(Filters.standard(), new Evaluator(), new CombinedHostPolicy(
				List.of(new AnnouncedHealthPolicy(), new BreakerPolicy(HostBreakerProperties.DEFAULTS, clock))));
	}

	private static HostBreaker open() {
		return HostBreaker.CLOSED.apply("DDDDDTTSSS", T0, HostBreakerProperties.DEFAULTS).after();
	}

	@Test
	void aHostWhoseBreakerIsOpenIsFilteredAsEjectedWithWhy() {
		Candidate corrupt = withBreaker(peer("corrupt", 0, 1, 2), open());
		Ranking ranking = at(T0 + 1).rank(round(List.of(corrupt)), ClusterConfig.DEFAULTS);
		assertThat(ranking.hasParents()).isFalse();
		assertThat(ranking.filtered()).containsEntry(FilterReason.EJECTED, 1);
		assertThat(ranking.rejections()).containsEntry("corrupt",
				"ejected: host breaker open: 7 of 10 recent pieces failed (digest_mismatch=5, timeout=2)");
	}

	@Test
	void aHalfOpenHostIsAdmittedOnTheFirstRungOnlyAndNotOnceEnoughChildrenTryIt() {
		Candidate probation = withBreaker(peer("probation", 0, 1, 2), open());
		Ranking alone = at(PROBATION).rank(round(List.of(probation)), ClusterConfig.DEFAULTS);
		assertThat(alone.step()).isEqualTo(LadderStep.ADMIT_PROBATION);
		assertThat(alone.parents()).extracting((r) -> r.candidate().peerId()).containsExactly("probation");

		Ranking withHealthy = at(PROBATION).rank(round(List.of(probation, peer("fine", 0))), ClusterConfig.DEFAULTS);
		assertThat(withHealthy.step()).isEqualTo(LadderStep.NONE);
		assertThat(withHealthy.parents()).extracting((r) -> r.candidate().peerId()).containsExactly("fine");

		HostBreaker full = open();
		for (String child : List.of("a", "b", "c")) {
			full = full.grant(child, PROBATION, 3, 30_000).after();
		}
		Ranking none = at(PROBATION).rank(round(List.of(withBreaker(probation, full))), ClusterConfig.DEFAULTS);
		assertThat(none.hasParents()).isFalse();
		assertThat(none.rejections()).containsEntry("probation",
				"ejected: host on probation (half-open), 3 children already trying it");
	}

	@Test
	void withdrawingARefusedProbationHostMovesItsCandidatesToTheNewReason() {
		Candidate probation = withBreaker(peer("probation", 0, 1, 2), open());
		Ranking ranking = at(PROBATION).rank(round(List.of(probation)), ClusterConfig.DEFAULTS);
		assertThat(ranking.filtered()).containsEntry(FilterReason.PROBATION, 1);

		Ranking withdrawn = ranking.withdraw(Map.of(probation.hostId(), "host on probation (half-open), 3 children"
				+ " already trying it"), FilterReason.EJECTED);

		assertThat(withdrawn.hasParents()).isFalse();
		assertThat(withdrawn.step()).isEqualTo(LadderStep.NONE);
		assertThat(withdrawn.scores()).isEmpty();
		assertThat(withdrawn.filtered()).containsEntry(FilterReason.PROBATION, 0).containsEntry(FilterReason.EJECTED, 1);
		assertThat(withdrawn.rejections()).containsEntry("probation",
				"ejected: host on probation (half-open), 3 children already trying it");
		assertThat(ranking.withdraw(Map.of("another-host", "x"), FilterReason.EJECTED).parents())
			.extracting((r) -> r.candidate().peerId()).containsExactly("probation");
	}

}
