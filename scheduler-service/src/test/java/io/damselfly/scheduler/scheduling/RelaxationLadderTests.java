package io.damselfly.scheduler.scheduling;

import java.util.List;

import io.damselfly.common.cluster.ClusterConfig;
import io.damselfly.common.schedule.DecisionType;
import io.damselfly.common.schedule.LadderStep;
import org.junit.jupiter.api.Test;

import static io.damselfly.scheduler.scheduling.Fixtures.config;
import static io.damselfly.scheduler.scheduling.Fixtures.round;
import static org.assertj.core.api.Assertions.assertThat;

class RelaxationLadderTests {


	private final SeedOutlook noSeed = new SeedOutlook.Unavailable("the manager lists no ACTIVE seed peer");

	private LadderVerdict attempt(int failuresBefore, SeedOutlook seeds, ClusterConfig config) {
		Round round = round(List.of(), java.util.Set.of(), java.util.Map.of(), failuresBefore);
		Ranking ranking = Fixtures.scheduler().rank(round, config);
		return RelaxationLadder.withoutParents(ranking, round, seeds, config, 555);
	}

	@Test
	void waitsThenGoesBackToSourceExactlyAfterTheLimitWithTheReason() {
		ClusterConfig config = config(3, 10, 200);
		for (int failures = 0; failures < 3; failures++) {
			LadderVerdict wait = attempt(failures, noSeed, config);
			assertThat(wait.type()).isEqualTo(DecisionType.WAIT);
			assertThat(wait.step()).isEqualTo(LadderStep.RETRY);
			assertThat(wait.retryAfterMillis()).isEqualTo(555);
		}
		LadderVerdict back = attempt(3, noSeed, config);
		assertThat(back.type()).isEqualTo(DecisionType.BACK_TO_SOURCE);
		assertThat(back.step()).isEqualTo(LadderStep.BACK_TO_SOURCE);
		assertThat(back.reason()).contains("after 3 failed attempts").contains("no healthy seed: the manager lists no");
		assertThat(back.metricReason()).isEqualTo("no_parents");
	}

	@Test
	void aZeroLimitGoesBackToSourceOnTheFirstAttempt() {
		assertThat(attempt(0, noSeed, config(0, 10, 200)).type()).isEqualTo(DecisionType.BACK_TO_SOURCE);
	}

	@Test
	void waitsForATriggeredSeedUntilTheRetryLimitThenGoesBackToSourceSayingTheSeedNeverCame() {
		ClusterConfig config = config(2, 6, 200);
		for (int failures = 0; failures < 6; failures++) {
			LadderVerdict verdict = attempt(failures, new SeedOutlook.Triggered("seed-1", failures == 0), config);
			assertThat(verdict.type()).isEqualTo(DecisionType.WAIT);
			assertThat(verdict.step()).isEqualTo(LadderStep.TRIGGER_SEED);
			assertThat(verdict.reason()).contains("seed-1");
			// A quarter of the interval first, then half, then the whole: the seed's first piece comes soon.
			long expected = (failures == 0) ? 138 : (failures == 1) ? 277 : 555;
			assertThat(verdict.retryAfterMillis()).isEqualTo(expected);
		}
		LadderVerdict back = attempt(6, new SeedOutlook.Triggered("seed-1", false), config);
		assertThat(back.type()).isEqualTo(DecisionType.BACK_TO_SOURCE);
		assertThat(back.step()).isEqualTo(LadderStep.BACK_TO_SOURCE);
		assertThat(back.reason()).contains("seed seed-1 was triggered").contains("has not started fetching after 6");
		assertThat(back.metricReason()).isEqualTo("seed_not_started");
	}

	@Test
	void aSeedFetchingTheTaskShortensOnlyTheFirstTwoWaits() {
		assertThat(List.of(0, 1, 2, 3, 9).stream().map((failures) -> RelaxationLadder.seedWait(500, failures)).toList())
			.containsExactly(125L, 250L, 500L, 500L, 500L);
		assertThat(RelaxationLadder.seedWait(12, 0)).isEqualTo(RelaxationLadder.MIN_WAIT_MILLIS);
		LadderVerdict serving = attempt(0, new SeedOutlook.Serving("seed-peer", "has no piece yet"), config(2, 10, 200));
		assertThat(serving.type()).isEqualTo(DecisionType.WAIT);
		assertThat(serving.retryAfterMillis()).isEqualTo(138);
	}

	@Test
	void aTriggeredSeedThatNeverCameStillFailsWhenTheOriginIsFull() {
		ClusterConfig config = config(2, 6, 0);
		assertThat(attempt(6, new SeedOutlook.Triggered("seed-1", false), config).type()).isEqualTo(DecisionType.FAIL);
	}

	@Test
	void aSeedHoldingTheTaskButFilteredMakesThePeerRetryNotGoToTheOrigin() {
		LadderVerdict verdict = attempt(7, new SeedOutlook.Serving("seed-peer", "was filtered (no_upload_slots: full)"),
				config(2, 10, 200));
		assertThat(verdict.type()).isEqualTo(DecisionType.WAIT);
		assertThat(verdict.step()).isEqualTo(LadderStep.RETRY);
		assertThat(verdict.reason()).contains("seed-peer").contains("no_upload_slots");
	}

	@Test
	void whenTheOriginIsFullItWaitsThenFailsAtTheRetryLimit() {
		ClusterConfig config = config(1, 3, 1);
		Round full = Fixtures.withOrigin(round(List.of(), java.util.Set.of(), java.util.Map.of(), 2), 1);
		LadderVerdict wait = RelaxationLadder.withoutParents(Fixtures.scheduler().rank(full, config), full, noSeed, config, 1);
		assertThat(wait.type()).isEqualTo(DecisionType.WAIT);
		assertThat(wait.reason()).contains("1 peers already at the origin");
		Round later = Fixtures.withOrigin(round(List.of(), java.util.Set.of(), java.util.Map.of(), 3), 1);
		LadderVerdict fail = RelaxationLadder.withoutParents(Fixtures.scheduler().rank(later, config), later, noSeed, config, 1);
		assertThat(fail.type()).isEqualTo(DecisionType.FAIL);
		assertThat(fail.reason()).contains("backToSourceLimit 1");
	}

	@Test
	void aSeedRequesterFetchesFirstFromTheOrigin() {
		Round round = Fixtures.asSeedRequester(round(List.of()));
		LadderVerdict verdict = RelaxationLadder.seedFirstFetch(Fixtures.scheduler().rank(round, ClusterConfig.DEFAULTS), round);
		assertThat(verdict.type()).isEqualTo(DecisionType.BACK_TO_SOURCE);
		assertThat(verdict.step()).isEqualTo(LadderStep.SEED_FIRST_FETCH);
		assertThat(verdict.metricReason()).isEqualTo("seed_first_fetch");
	}

}
