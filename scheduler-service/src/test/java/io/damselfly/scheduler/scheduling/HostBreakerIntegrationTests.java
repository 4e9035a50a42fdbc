package io.damselfly.scheduler.scheduling;

import java.time.Duration;
import java.util.List;
import java.util.UUID;

import io.damselfly.common.cluster.ClusterConfig;
import io.damselfly.common.peer.FailureKind;
import io.damselfly.common.peer.PieceReport;
import io.damselfly.common.peer.PieceResult;
import io.damselfly.common.schedule.DecisionType;
import io.damselfly.common.schedule.LadderStep;
import io.damselfly.common.schedule.ParentInfo;
import io.damselfly.common.schedule.ScheduleAttempt;
import io.damselfly.common.schedule.ScheduleDecision;
import io.damselfly.scheduler.SchedulerApplication;
import io.damselfly.scheduler.api.HostView;
import io.damselfly.scheduler.host.HostCondition;
import io.damselfly.scheduler.support.SchedulerApi;
import io.damselfly.scheduler.support.StandInServer;
import io.damselfly.scheduler.support.TestSecurity;
import io.damselfly.testsupport.redis.TestRedis;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

import static io.damselfly.scheduler.support.SchedulerApi.healthy;
import static io.damselfly.scheduler.support.SchedulerApi.taskId;
import static io.damselfly.scheduler.support.SchedulerApi.url;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * One breaker per host, fed by the piece outcomes children report and shared by two scheduler
 * instances on one Redis: what children tell one instance about a corrupt parent makes the other
 * filter it too, then both let a few children at a time try it again, and good pieces re-admit it.
 */
class HostBreakerIntegrationTests {

	/** Long enough for the checks made while the breaker is open, even on a busy machine. */
	private static final String OPEN_DURATION = "4s";

	static StandInServer manager;

	static ConfigurableApplicationContext one;

	static ConfigurableApplicationContext two;

	static SchedulerApi a;

	static SchedulerApi b;

	@BeforeAll
	static void start() {
		manager = StandInServer.start();
		// Many retries before going back to source: the children wait while the only holder is ejected.
		manager.config.set(new ClusterConfig(4, 15, 50, 100, 100L, 200, null, null, null, null, null));
		one = instance();
		two = instance();
		a = SchedulerApi.at("http://127.0.0.1:" + port(one));
		b = SchedulerApi.at("http://127.0.0.1:" + port(two));
	}

	private static ConfigurableApplicationContext instance() {
		return new SpringApplicationBuilder(SchedulerApplication.class).run("--server.port=0",
				"--spring.data.redis.url=" + TestRedis.get().url(), "--damselfly.manager.url=" + manager.url(),
				"--damselfly.node.register=false", "--damselfly.scheduler.host-breaker.open-duration=" + OPEN_DURATION, TestSecurity.arguments()[0], TestSecurity.arguments()[1],
				TestSecurity.arguments()[2]);
	}

	private static int port(ConfigurableApplicationContext context) {
		return Integer.parseInt(context.getEnvironment().getProperty("local.server.port"));
	}

	@AfterAll
	static void stop() {
		one.close();
		two.close();
		manager.close();
	}

	@Test
	void aCorruptParentIsEjectedForEveryInstanceThenTriedByAFewChildrenAndReadmittedByGoodPieces()
			throws InterruptedException {
		String run = UUID.randomUUID().toString().substring(0, 8);
		String url = url("corrupt-parent");
		String task = taskId(url);
		String bad = "bad-" + run;
		String badHost = "host-bad-" + run;
		a.announce(healthy(badHost, 8101));
		for (int i = 1; i <= 5; i++) {
			a.announce(healthy("host-c" + i + "-" + run, 8110 + i));
		}
		a.register(bad, badHost, url);
		a.reportFromOrigin(bad, task, 8);
		ScheduleDecision first = a.register(child(1, run), "host-c1-" + run, url);
		assertThat(first.parents()).extracting(ParentInfo::peerId).containsExactly(bad);

		// The first child tells instance A: two pieces failed their digest, one came with a wrong digest, one timed out.
		a.report(child(1, run), new PieceReport(task, null, null, List.of(
				PieceResult.failed(0, bad, badHost, 40, FailureKind.DIGEST_MISMATCH),
				PieceResult.ok(1, bad, badHost, 30, 4L << 20, "e".repeat(64)),
				PieceResult.failed(2, bad, badHost, 5000, FailureKind.TIMEOUT),
				PieceResult.failed(3, bad, badHost, 40, FailureKind.DIGEST_MISMATCH))));

		String why = "host breaker open: 4 of 4 recent pieces failed (digest_mismatch=3, timeout=1)";
		// The first child drops the parent at once and asks again; then a second child asks instance B.
		assertThat(a.reschedule(child(1, run), task, bad).parents()).isEmpty();
		ScheduleDecision onB = b.register(child(2, run), "host-c2-" + run, url);
		assertThat(onB.type()).isEqualTo(DecisionType.WAIT);
		assertThat(onB.parents()).isEmpty();
		ScheduleAttempt attempt = b.explanation(child(2, run)).attempts().get(0);
		assertThat(attempt.filtered()).containsEntry("ejected", 1);
		assertThat(attempt.rejections()).containsEntry(bad, "ejected: " + why);
		assertThat(b.metric("damselfly_scheduler_host_breakers{state=\"open\"}")
				+ b.metric("damselfly_scheduler_host_breakers{state=\"half_open\"}")).isEqualTo(1.0);
		for (SchedulerApi instance : List.of(a, b)) {
			HostView view = instance.host(badHost);
			assertThat(view.breaker()).isIn("OPEN", "HALF_OPEN");
			assertThat(view.breakerDetail().reason()).isEqualTo("4 of 4 recent pieces failed (digest_mismatch=3, timeout=1)");
			assertThat(view.breakerDetail().recentFailuresByKind()).containsEntry("digest_mismatch", 3)
				.containsEntry("timeout", 1);
		}
		assertThat(a.metric("damselfly_scheduler_host_ejections_total{source=\"breaker\"}")).isEqualTo(1.0);
		assertThat(b.metric("damselfly_scheduler_host_ejections_total{source=\"breaker\"}")).isEqualTo(0.0);

		awaitBreaker(b, badHost, "HALF_OPEN");
		// On probation: three children at a time, whichever instance they ask.
		SchedulerApi[] asks = { a, b, a };
		for (int i = 2; i <= 4; i++) {
			ScheduleDecision probing = (i == 2) ? asks[i - 2].reschedule(child(2, run), task)
					: asks[i - 2].register(child(i, run), "host-c" + i + "-" + run, url);
			assertThat(probing.type()).as("child %d", i).isEqualTo(DecisionType.PARENTS);
			assertThat(probing.ladderStep()).isEqualTo(LadderStep.ADMIT_PROBATION);
			assertThat(probing.parents()).extracting(ParentInfo::peerId).containsExactly(bad);
		}
		// The fifth child gets the three children still waiting for their first piece (the ladder's second rung).
		ScheduleDecision fifth = b.register(child(5, run), "host-c5-" + run, url);
		assertThat(fifth.parents()).extracting(ParentInfo::peerId).doesNotContain(bad);
		assertThat(b.explanation(child(5, run)).attempts().get(0).rejections()).containsEntry(bad,
				"ejected: host on probation (half-open), 3 children already trying it");
		assertThat(b.reschedule(child(3, run), task).parents()).extracting(ParentInfo::peerId).containsExactly(bad);
		HostView probation = a.host(badHost);
		assertThat(probation.condition()).isEqualTo(HostCondition.EJECTED);
		assertThat(probation.breakerDetail().childrenTrying()).containsExactlyInAnyOrder(child(2, run), child(3, run),
				child(4, run));

		// Three good pieces on probation, reported to B, close the breaker for both instances.
		b.report(child(2, run), new PieceReport(task, null, null, List.of(
				PieceResult.ok(4, bad, badHost, 20, 4L << 20, SchedulerApi.digest(task, 4)),
				PieceResult.ok(5, bad, badHost, 20, 4L << 20, SchedulerApi.digest(task, 5)),
				PieceResult.ok(6, bad, badHost, 20, 4L << 20, SchedulerApi.digest(task, 6)))));
		HostView closed = a.host(badHost);
		assertThat(closed.breaker()).isEqualTo("CLOSED");
		assertThat(closed.condition()).isEqualTo(HostCondition.HEALTHY);
		assertThat(closed.reason()).isNull();
		ScheduleDecision readmitted = a.reschedule(child(5, run), task);
		assertThat(readmitted.ladderStep()).isEqualTo(LadderStep.NONE);
		assertThat(readmitted.parents()).extracting(ParentInfo::peerId).contains(bad);
	}

	private static String child(int n, String run) {
		return "child-" + n + "-" + run;
	}

	private static void awaitBreaker(SchedulerApi api, String hostId, String state) throws InterruptedException {
		long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
		while (!state.equals(api.host(hostId).breaker()) && System.nanoTime() < deadline) {
			Thread.sleep(200);
		}
		assertThat(api.host(hostId).breaker()).isEqualTo(state);
	}

}
