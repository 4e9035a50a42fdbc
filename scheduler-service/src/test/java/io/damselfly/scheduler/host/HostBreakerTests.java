package io.damselfly.scheduler.host;

import java.util.List;

import io.damselfly.common.peer.FailureKind;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class HostBreakerTests {

	private static final HostBreakerProperties DEFAULTS = HostBreakerProperties.DEFAULTS;

	private static final long T0 = 1_700_000_000_000L;

	private static final long OPEN_MS = DEFAULTS.openDuration().toMillis();

	private static HostBreaker.Update apply(HostBreaker breaker, String outcomes, long now) {
		return breaker.apply(outcomes, now, DEFAULTS);
	}

	private static HostBreaker opened() {
		HostBreaker.Update update = apply(HostBreaker.CLOSED, "DDDDDTTSSS", T0);
		assertThat(update.transitions()).isEqualTo("O");
		return update.after();
	}

	@Test
	void theWindowKeepsOnlyTheLastOutcomes() {
		HostBreaker breaker = apply(HostBreaker.CLOSED, "T" + "S".repeat(24), T0).after();
		assertThat(breaker.recent()).isEqualTo("S".repeat(20));
		assertThat(breaker.state(T0)).isEqualTo(HostBreaker.State.CLOSED);
	}

	@Test
	void theFailureRateCountsOnlyOnceTheMinimumIsReached() {
		HostBreaker.Update four = apply(HostBreaker.CLOSED, "TTTT", T0);
		assertThat(four.transitions()).isEmpty();
		assertThat(four.after().tripped()).isFalse();

		HostBreaker.Update five = apply(four.after(), "S", T0 + 1);
		assertThat(five.transitions()).isEqualTo("O");
		assertThat(five.after().reason()).isEqualTo("4 of 5 recent pieces failed (timeout=4)");
		assertThat(five.after().openedAt()).isEqualTo(T0 + 1);
		assertThat(five.after().openUntil()).isEqualTo(T0 + 1 + OPEN_MS);
	}

	@Test
	void aFailureRateAtTheThresholdOpensAndBelowItDoesNot() {
		assertThat(apply(HostBreaker.CLOSED, "SSSSSSSSSSRRIIT", T0).after().tripped()).isFalse();
		assertThat(apply(HostBreaker.CLOSED, "SSSRRI", T0).after().reason())
			.isEqualTo("3 of 6 recent pieces failed (refused=2, io_error=1)");
	}

	@Test
	void aHandfulOfDigestMismatchesOpensWhateverTheRateAndTheMinimum() {
		String good = "S".repeat(16);
		assertThat(apply(HostBreaker.CLOSED, good + "DD", T0).after().tripped()).isFalse();
		assertThat(apply(HostBreaker.CLOSED, "DDD", T0).after().reason())
			.isEqualTo("3 of 3 recent pieces failed (digest_mismatch=3)");
		HostBreaker.Update mostlyGood = apply(HostBreaker.CLOSED, good + "DSDSD", T0);
		assertThat(mostlyGood.transitions()).isEqualTo("O");
		assertThat(mostlyGood.after().reason()).isEqualTo("3 of 20 recent pieces failed (digest_mismatch=3)");
	}

	@Test
	void theReasonListsFailureKindsMostFrequentFirst() {
		HostBreaker breaker = opened();
		assertThat(breaker.reason()).isEqualTo("7 of 10 recent pieces failed (digest_mismatch=5, timeout=2)");
		assertThat(breaker.failuresByKind()).containsExactly(java.util.Map.entry("digest_mismatch", 5),
				java.util.Map.entry("timeout", 2));
		assertThat(breaker.recentFailures()).isEqualTo(7);
	}

	@Test
	void anOpenBreakerIgnoresOutcomesAndTurnsHalfOpenAfterTheOpenDuration() {
		HostBreaker open = opened();
		HostBreaker.Update late = apply(open, "SSSSS", T0 + OPEN_MS - 1);
		assertThat(late.transitions()).isEmpty();
		assertThat(late.after()).isEqualTo(open);
		assertThat(open.state(T0 + OPEN_MS - 1)).isEqualTo(HostBreaker.State.OPEN);
		assertThat(open.state(T0 + OPEN_MS)).isEqualTo(HostBreaker.State.HALF_OPEN);
	}

	@Test
	void enoughGoodPiecesOnProbationCloseTheBreakerAndStartAFreshWindow() {
		long probation = T0 + OPEN_MS;
		HostBreaker.Update two = apply(opened(), "SS", probation);
		assertThat(two.transitions()).isEmpty();
		assertThat(two.after().probeSuccesses()).isEqualTo(2);
		assertThat(two.after().state(probation)).isEqualTo(HostBreaker.State.HALF_OPEN);

		HostBreaker.Update third = apply(two.after(), "S", probation + 5);
		assertThat(third.transitions()).isEqualTo("C");
		assertThat(third.after()).isEqualTo(HostBreaker.CLOSED);
	}

	@Test
	void oneFailureOnProbationOpensTheBreakerAgainForAnotherOpenDuration() {
		long probation = T0 + OPEN_MS + 100;
		HostBreaker granted = opened().grant("child-1", probation, 3, 30_000).after();
		HostBreaker.Update update = apply(granted, "ST", probation);
		assertThat(update.transitions()).isEqualTo("R");
		HostBreaker again = update.after();
		assertThat(again.reason()).isEqualTo("a piece failed on probation (timeout)");
		assertThat(again.openedAt()).isEqualTo(probation);
		assertThat(again.state(probation + OPEN_MS - 1)).isEqualTo(HostBreaker.State.OPEN);
		assertThat(again.children()).isEmpty();
		assertThat(again.probeSuccesses()).isZero();
	}

	@Test
	void aReportThatClosesTheBreakerCanOpenItAgainWithItsLaterPieces() {
		HostBreaker.Update update = apply(opened(), "SSSDDD", T0 + OPEN_MS);
		assertThat(update.transitions()).isEqualTo("CO");
		assertThat(update.after().reason()).isEqualTo("3 of 3 recent pieces failed (digest_mismatch=3)");
	}

	@Test
	void halfOpenAdmitsAFewChildrenAtATimeAndKeepsTheirGrants() {
		HostBreaker open = opened();
		assertThat(open.grant("early", T0 + 1, 3, 30_000).granted()).isFalse();

		long probation = T0 + OPEN_MS;
		HostBreaker breaker = open;
		for (String child : List.of("a", "b", "c")) {
			HostBreaker.Grant grant = breaker.grant(child, probation, 3, 30_000);
			assertThat(grant.granted()).isTrue();
			breaker = grant.after();
		}
		assertThat(breaker.childrenTrying(probation, 30_000)).containsExactly("a", "b", "c");
		HostBreaker.Grant fourth = breaker.grant("d", probation + 1, 3, 30_000);
		assertThat(fourth.granted()).isFalse();
		assertThat(fourth.children()).isEqualTo(3);
		HostBreaker.Grant again = breaker.grant("b", probation + 2, 3, 30_000);
		assertThat(again.granted()).isTrue();
		assertThat(again.after()).isEqualTo(breaker);
	}

	@Test
	void probationGrantsLapseSoOtherChildrenMayTryTheHost() {
		long probation = T0 + OPEN_MS;
		HostBreaker breaker = opened();
		for (String child : List.of("a", "b", "c")) {
			breaker = breaker.grant(child, probation, 3, 30_000).after();
		}
		assertThat(breaker.grant("d", probation + 30_000, 3, 30_000).granted()).isFalse();
		HostBreaker.Grant later = breaker.grant("d", probation + 30_001, 3, 30_000);
		assertThat(later.granted()).isTrue();
		assertThat(later.after().childrenTrying(probation + 30_001, 30_000)).containsExactly("d");
	}

	@Test
	void aClosedBreakerGrantsEveryoneWithoutAWrite() {
		HostBreaker.Grant grant = HostBreaker.CLOSED.grant("x", T0, 3, 30_000);
		assertThat(grant.granted()).isTrue();
		assertThat(grant.after()).isSameAs(HostBreaker.CLOSED);
	}

	@Test
	void theRedisFormRoundTripsAndGarbageReadsAsClosed() {
		HostBreaker breaker = opened().grant("a", T0 + OPEN_MS, 3, 30_000).after();
		assertThat(breaker.encode()).isEqualTo("O|" + T0 + "|" + (T0 + OPEN_MS) + "|" + (T0 + OPEN_MS)
				+ "|a|0|DDDDDTTSSS|7 of 10 recent pieces failed (digest_mismatch=5, timeout=2)");
		assertThat(HostBreaker.parse(breaker.encode())).isEqualTo(breaker);
		assertThat(HostBreaker.parse(HostBreaker.CLOSED.encode())).isEqualTo(HostBreaker.CLOSED);
		assertThat(HostBreaker.parse("O|x|1|2||0||")).isEqualTo(HostBreaker.CLOSED);
		assertThat(HostBreaker.parse("nonsense")).isEqualTo(HostBreaker.CLOSED);
		assertThat(HostBreaker.parse(null)).isEqualTo(HostBreaker.CLOSED);
	}

	@Test
	void everyFailureKindHasItsOwnCode() {
		assertThat(List.of(FailureKind.values())).extracting(HostBreaker::code).containsExactly('T', 'R', 'D', 'I');
	}

}
