package io.damselfly.peer.freshness;

import java.time.Duration;
import java.time.Instant;

import io.damselfly.common.id.TaskIds;
import io.damselfly.common.task.UrlGeneration;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class FreshnessDecisionTests {

	private static final String BASE = TaskIds.derive("http://origin.test/files/a.bin", null, null);

	private static final Instant NOW = Instant.parse("2026-12-02T12:00:00Z");

	private static final Duration WINDOW = Duration.ofSeconds(10);

	private final UrlGeneration known = new UrlGeneration(BASE, TaskIds.generation(BASE, "etag:\"v1\""), "etag:\"v1\"",
			NOW.minusSeconds(60));

	@Test
	void notModifiedKeepsTheKnownGenerationAndSaysRevalidated() {
		Generation g = FreshnessDecision.afterAsking(BASE, new OriginAnswer.Same(), known, true, WINDOW, NOW);
		assertThat(g.taskId()).isEqualTo(known.taskId());
		assertThat(g.freshness()).isEqualTo("revalidated");
		assertThat(g.validatedAt()).isEqualTo(NOW);
	}

	@Test
	void equalValidatorIsRevalidatedAndDifferentOneIsANewGeneration() {
		assertThat(FreshnessDecision.afterAsking(BASE, new OriginAnswer.Current("etag:\"v1\""), known, true, WINDOW, NOW)
			.freshness()).isEqualTo("revalidated");
		Generation changed = FreshnessDecision.afterAsking(BASE, new OriginAnswer.Current("etag:\"v2\""), known, true,
				WINDOW, NOW);
		assertThat(changed.freshness()).isEqualTo("changed at origin");
		assertThat(changed.taskId()).isEqualTo(TaskIds.generation(BASE, "etag:\"v2\"")).isNotEqualTo(known.taskId())
			.isNotEqualTo(BASE);
	}

	@Test
	void firstValidationOnThisPeerSaysSo() {
		Generation g = FreshnessDecision.afterAsking(BASE, new OriginAnswer.Current("length:42"), null, true, WINDOW,
				NOW);
		assertThat(g.freshness()).isEqualTo("validated at origin");
		assertThat(g.validator()).isEqualTo("length:42");
	}

	@Test
	void unreachableOriginServesTheKnownGenerationStaleOnlyWhenAllowed() {
		Generation stale = FreshnessDecision.afterAsking(BASE, new OriginAnswer.Unreachable("connection refused"), known,
				true, WINDOW, NOW);
		assertThat(stale.taskId()).isEqualTo(known.taskId());
		assertThat(stale.freshness()).startsWith("served stale: origin unreachable (connection refused)");
		assertThat(stale.validatedAt()).isNull();
		assertThatThrownBy(() -> FreshnessDecision.afterAsking(BASE, new OriginAnswer.Unreachable("timeout"), known,
				false, WINDOW, NOW)).isInstanceOf(OriginUnreachableException.class)
			.hasMessageContaining("serve-stale-when-down is false");
		assertThatThrownBy(() -> FreshnessDecision.afterAsking(BASE, new OriginAnswer.Unreachable("timeout"), null, true,
				WINDOW, NOW)).isInstanceOf(OriginUnreachableException.class).hasMessageContaining("no generation");
	}

	@Test
	void generationWithoutValidatorIsNeverServedStale() {
		UrlGeneration unvalidated = new UrlGeneration(BASE, TaskIds.generation(BASE, "unvalidated:1"), "unvalidated:1",
				NOW.minusSeconds(60));
		assertThatThrownBy(() -> FreshnessDecision.afterAsking(BASE, new OriginAnswer.Unreachable("503"), unvalidated,
				true, WINDOW, NOW)).isInstanceOf(OriginUnreachableException.class);
	}

	@Test
	void refusedRevalidationFailsWithTheOriginsStatus() {
		assertThatThrownBy(() -> FreshnessDecision.afterAsking(BASE, new OriginAnswer.Refused(401, "origin answered 401"),
				known, true, WINDOW, NOW)).isInstanceOfSatisfying(OriginRefusedException.class,
						(ex) -> assertThat(ex.status()).isEqualTo(401));
	}

	@Test
	void originWithoutValidatorStartsANewGenerationUnlessOneStartedWithinTheShareWindow() {
		Generation first = FreshnessDecision.afterAsking(BASE, new OriginAnswer.Current(null), null, true, WINDOW, NOW);
		assertThat(first.validator()).startsWith("unvalidated:");
		assertThat(first.freshness()).startsWith("new generation");
		UrlGeneration recent = new UrlGeneration(BASE, first.taskId(), first.validator(), NOW);
		Generation shared = FreshnessDecision.afterAsking(BASE, new OriginAnswer.Current(null), recent, true, WINDOW,
				NOW.plusSeconds(3));
		assertThat(shared.taskId()).isEqualTo(first.taskId());
		Generation later = FreshnessDecision.afterAsking(BASE, new OriginAnswer.Current(null), recent, true, WINDOW,
				NOW.plusSeconds(11));
		assertThat(later.taskId()).isNotEqualTo(first.taskId());
		Generation racing = FreshnessDecision.afterAsking(BASE, new OriginAnswer.Current(null), null, true, WINDOW,
				NOW.plusMillis(1));
		assertThat(racing.taskId()).as("a download starting at once, before any generation is recorded")
			.isEqualTo(first.taskId());
	}

	@Test
	void policyDecidesWhetherTheOriginIsAskedAtAll() {
		assertThat(FreshnessDecision.withoutAsking(RevalidatePolicy.ALWAYS, known, NOW)).isNull();
		assertThat(FreshnessDecision.withoutAsking(RevalidatePolicy.parse("never"), known, NOW).freshness())
			.isEqualTo("not checked: revalidate policy is never");
		assertThat(FreshnessDecision.withoutAsking(RevalidatePolicy.parse("2m"), known, NOW).freshness())
			.isEqualTo("not checked: confirmed with the origin 60 s ago, within revalidate policy 2m");
		assertThat(FreshnessDecision.withoutAsking(RevalidatePolicy.parse("30s"), known, NOW)).isNull();
		assertThat(FreshnessDecision.withoutAsking(RevalidatePolicy.parse("never"), null, NOW)).isNull();
	}

	@Test
	void policiesParseOrSayWhatIsAccepted() {
		assertThat(RevalidatePolicy.parse("PT5M").ttl()).isEqualTo(Duration.ofMinutes(5));
		assertThatThrownBy(() -> RevalidatePolicy.parse("sometimes")).isInstanceOf(IllegalArgumentException.class)
			.hasMessageContaining("'always', 'never' or a duration");
		OriginFreshnessProperties properties = new OriginFreshnessProperties("always",
				java.util.List.of(new OriginFreshnessProperties.RevalidateRule("/nightly/", "10m")), true,
				Duration.ofSeconds(5), WINDOW);
		assertThat(properties.policyFor(java.net.URI.create("http://o.test/nightly/x.bin")).ttl())
			.isEqualTo(Duration.ofMinutes(10));
		assertThat(properties.policyFor(java.net.URI.create("http://o.test/release/x.bin"))).isEqualTo(RevalidatePolicy.ALWAYS);
	}

}
