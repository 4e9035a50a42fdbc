package io.damselfly.scheduler.host;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;

import io.damselfly.common.host.HealthSnapshot;
import io.damselfly.common.host.HealthStatus;
import io.damselfly.common.host.HostAnnounce;
import io.damselfly.common.host.HostType;
import io.damselfly.common.node.Node;
import io.damselfly.common.node.NodeState;
import io.damselfly.common.node.NodeType;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Mono;

import static org.assertj.core.api.Assertions.assertThat;

/** The manager, breaker and combined policies, judged at a fixed time. */
class HostPoliciesTests {

	private static final long T0 = 1_700_000_000_000L;

	private static final long OPEN_MS = HostBreakerProperties.DEFAULTS.openDuration().toMillis();

	private static final String DISK_FULL = "diskSpace: used 91% > 85%";

	private static HostRecord host(HealthSnapshot health) {
		return new HostRecord(new HostAnnounce("seed-1", null, "10.0.0.1", 8090, HostType.SEED, null, null, 10, 0, health),
				Instant.EPOCH);
	}

	private static Node node(NodeState state, @Nullable String reason) {
		Instant now = Instant.ofEpochMilli(T0);
		return new Node("seed-10.0.0.1-8090", NodeType.SEED_PEER, "default", "http://10.0.0.1:8090", "10.0.0.1", 8090, null,
				null, state, reason, now, now, now);
	}

	private static ManagedNodes listing(@Nullable Node node) {
		return new ManagedNodes() {
			@Override
			public Mono<Void> refresh() {
				return Mono.empty();
			}

			@Override
			public @Nullable Node seedAt(String host, int port) {
				return (node != null && node.host().equals(host) && node.port() == port) ? node : null;
			}
		};
	}

	private static BreakerPolicy breakerPolicy(long now) {
		return new BreakerPolicy(HostBreakerProperties.DEFAULTS, Clock.fixed(Instant.ofEpochMilli(now), ZoneOffset.UTC));
	}

	private static HostBreaker open() {
		return HostBreaker.CLOSED.apply("DDDDDTTSSS", T0, HostBreakerProperties.DEFAULTS).after();
	}

	private static HostVerdict judge(HostEjectionPolicy policy, HostRecord host, HostBreaker breaker,
			@Nullable String requester) {
		return policy.judge(host, HostStats.EMPTY, breaker, requester);
	}

	@Test
	void aSeedTheManagerEjectedIsEjectedWithTheManagersReason() {
		HostVerdict verdict = judge(new ManagerEjectionPolicy(listing(node(NodeState.EJECTED, DISK_FULL))),
				host(HealthSnapshot.up()), HostBreaker.CLOSED, null);
		assertThat(verdict.condition()).isEqualTo(HostCondition.EJECTED);
		assertThat(verdict.reason()).isEqualTo("manager: " + DISK_FULL);
	}

	@Test
	void aSeedTheManagerProbesIsOnProbationAndActiveOrUnlistedOnesAreHealthy() {
		HostVerdict probing = judge(new ManagerEjectionPolicy(listing(node(NodeState.PROBING, DISK_FULL))),
				host(HealthSnapshot.up()), HostBreaker.CLOSED, null);
		assertThat(probing.condition()).isEqualTo(HostCondition.PROBATION);
		assertThat(probing.reason()).isEqualTo("manager: probing after " + DISK_FULL);
		assertThat(judge(new ManagerEjectionPolicy(listing(node(NodeState.ACTIVE, null))), host(HealthSnapshot.up()),
				HostBreaker.CLOSED, null)).isEqualTo(HostVerdict.HEALTHY);
		assertThat(judge(new ManagerEjectionPolicy(listing(null)), host(HealthSnapshot.up()), HostBreaker.CLOSED, null))
			.isEqualTo(HostVerdict.HEALTHY);
	}

	@Test
	void anOpenBreakerEjectsWithItsReason() {
		HostVerdict verdict = judge(breakerPolicy(T0 + 1), host(HealthSnapshot.up()), open(), "child");
		assertThat(verdict.condition()).isEqualTo(HostCondition.EJECTED);
		assertThat(verdict.reason())
			.isEqualTo("host breaker open: 7 of 10 recent pieces failed (digest_mismatch=5, timeout=2)");
		assertThat(verdict.breakerState()).isEqualTo("OPEN");
		assertThat(judge(breakerPolicy(T0), host(HealthSnapshot.up()), HostBreaker.CLOSED, "child").breakerState())
			.isEqualTo("CLOSED");
	}

	@Test
	void aHalfOpenBreakerPutsTheHostOnProbationUntilEnoughChildrenTryIt() {
		long probation = T0 + OPEN_MS;
		HostBreaker breaker = open();
		HostVerdict first = judge(breakerPolicy(probation), host(HealthSnapshot.up()), breaker, "a");
		assertThat(first.condition()).isEqualTo(HostCondition.PROBATION);
		assertThat(first.breakerState()).isEqualTo("HALF_OPEN");
		assertThat(first.reason()).startsWith("host on probation (half-open), 0 of 3 children trying it; opened for 7 of 10");
		for (String child : List.of("a", "b", "c")) {
			breaker = breaker.grant(child, probation, 3, 30_000).after();
		}
		HostVerdict full = judge(breakerPolicy(probation), host(HealthSnapshot.up()), breaker, "d");
		assertThat(full.condition()).isEqualTo(HostCondition.EJECTED);
		assertThat(full.reason()).isEqualTo("host on probation (half-open), 3 children already trying it");
		assertThat(judge(breakerPolicy(probation), host(HealthSnapshot.up()), breaker, "b").condition())
			.isEqualTo(HostCondition.PROBATION);
	}

	@Test
	void combinedTheManagerThenAnnouncedHealthThenTheBreakerNameTheCause() {
		CombinedHostPolicy policy = new CombinedHostPolicy(List.of(
				new ManagerEjectionPolicy(listing(node(NodeState.EJECTED, DISK_FULL))), new AnnouncedHealthPolicy(),
				breakerPolicy(T0 + 1)));
		HostVerdict all = judge(policy, host(HealthSnapshot.down("diskSpace: used 99% > 85%")), open(), "x");
		assertThat(all.condition()).isEqualTo(HostCondition.EJECTED);
		assertThat(all.reason()).isEqualTo("manager: " + DISK_FULL);
		assertThat(all.breakerState()).isEqualTo("OPEN");

		CombinedHostPolicy unlisted = new CombinedHostPolicy(List.of(new ManagerEjectionPolicy(listing(null)),
				new AnnouncedHealthPolicy(), breakerPolicy(T0 + 1)));
		HostVerdict downAndOpen = judge(unlisted, host(HealthSnapshot.down(DISK_FULL)), open(), "x");
		assertThat(downAndOpen.condition()).isEqualTo(HostCondition.DOWN);
		assertThat(downAndOpen.reason()).isEqualTo(DISK_FULL);
		assertThat(downAndOpen.breakerState()).isEqualTo("OPEN");
		HostVerdict openOnly = judge(unlisted, host(HealthSnapshot.up()), open(), "x");
		assertThat(openOnly.condition()).isEqualTo(HostCondition.EJECTED);
		HostVerdict degraded = judge(unlisted,
				host(new HealthSnapshot(HealthStatus.DEGRADED, 80.0, "diskIo: slow", Map.of())), HostBreaker.CLOSED, "x");
		assertThat(degraded.condition()).isEqualTo(HostCondition.PROBATION);
		assertThat(degraded.reason()).isEqualTo("diskIo: slow");
		assertThat(degraded.breakerState()).isEqualTo("CLOSED");
		assertThat(judge(unlisted, host(HealthSnapshot.up()), HostBreaker.CLOSED, "x"))
			.isEqualTo(new HostVerdict(HostCondition.HEALTHY, null, "CLOSED"));
	}

}
