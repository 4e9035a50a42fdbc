package io.damselfly.scheduler.host;

import java.time.Instant;
import java.util.Map;

import io.damselfly.common.host.HealthSnapshot;
import io.damselfly.common.host.HealthStatus;
import io.damselfly.common.host.HostAnnounce;
import io.damselfly.common.host.HostType;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class AnnouncedHealthPolicyTests {

	private final AnnouncedHealthPolicy policy = new AnnouncedHealthPolicy();

	private static HostRecord host(HealthSnapshot health) {
		return new HostRecord(new HostAnnounce("h", null, "10.0.0.1", 8100, HostType.NORMAL, null, null, 10, 0, health),
				Instant.EPOCH);
	}

	@Test
	void downHostsAreDownWithTheirOwnReason() {
		HostVerdict verdict = policy.judge(host(HealthSnapshot.down("diskSpace: used 91% > 85%")), HostStats.EMPTY, HostBreaker.CLOSED, null);
		assertThat(verdict.condition()).isEqualTo(HostCondition.DOWN);
		assertThat(verdict.reason()).isEqualTo("diskSpace: used 91% > 85%");
	}

	@Test
	void degradedHostsAreOnProbationAndADiskFigureStandsInForAMissingReason() {
		HostVerdict verdict = policy.judge(host(new HealthSnapshot(HealthStatus.DEGRADED, 80.0, null, Map.of())),
				HostStats.EMPTY, HostBreaker.CLOSED, null);
		assertThat(verdict.condition()).isEqualTo(HostCondition.PROBATION);
		assertThat(verdict.reason()).isEqualTo("DEGRADED (disk used 80%)");
	}

	@Test
	void upHostsAreHealthy() {
		assertThat(policy.judge(host(HealthSnapshot.up()), HostStats.EMPTY, HostBreaker.CLOSED, null)).isEqualTo(HostVerdict.HEALTHY);
	}

}
