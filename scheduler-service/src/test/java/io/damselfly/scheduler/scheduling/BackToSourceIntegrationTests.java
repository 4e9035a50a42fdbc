package io.damselfly.scheduler.scheduling;

import java.util.UUID;

import io.damselfly.common.cluster.ClusterConfig;
import io.damselfly.common.peer.PeerState;
import io.damselfly.common.peer.PeerOutcome;
import io.damselfly.common.peer.PieceReport;
import io.damselfly.common.peer.PieceResult;
import io.damselfly.common.schedule.DecisionType;
import io.damselfly.common.schedule.LadderStep;
import io.damselfly.common.schedule.ParentInfo;
import io.damselfly.common.schedule.PeerScheduleExplanation;
import io.damselfly.common.schedule.ScheduleDecision;
import io.damselfly.scheduler.support.SchedulerApi;
import io.damselfly.scheduler.support.TestSecurity;
import io.damselfly.scheduler.support.StandInServer;
import io.damselfly.testsupport.redis.TestRedis;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webtestclient.autoconfigure.AutoConfigureWebTestClient;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.reactive.server.WebTestClient;

import java.util.List;

import static io.damselfly.scheduler.support.SchedulerApi.healthy;
import static io.damselfly.scheduler.support.SchedulerApi.taskId;
import static io.damselfly.scheduler.support.SchedulerApi.url;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * No seed and nothing servable: back to source exactly after {@code retryBackToSourceLimit} failed
 * attempts, with the reason in the explanation; while {@code backToSourceLimit} peers are at the
 * origin the others wait, then fail at {@code retryLimit}.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
		properties = "damselfly.node.register=false")
// Generous: other builds share this 2-core machine, and a starved JVM must not fail a test by timing out.
@AutoConfigureWebTestClient(timeout = "30s")
class BackToSourceIntegrationTests {

	static final StandInServer manager = StandInServer.start();

	static {
		manager.config.set(new ClusterConfig(4, 15, 3, 5, 50L, 1, null, null, null, null, null));
	}

	@DynamicPropertySource
	static void properties(DynamicPropertyRegistry registry) {
		TestRedis.register(registry);
		registry.add("damselfly.manager.url", manager::url);
		TestSecurity.register(registry);
	}

	@AfterAll
	static void stop() {
		manager.close();
	}

	@Autowired
	WebTestClient web;

	/** Calls carry an admin token; SchedulerSecurityTests covers the refusals. */
	@BeforeEach
	void carryAnAdminToken() {
		web = TestSecurity.admin(web);
	}

	@Test
	void noSeedAndNothingServableGoesBackToSourceExactlyAfterTheLimit() {
		SchedulerApi api = new SchedulerApi(web);
		String run = UUID.randomUUID().toString().substring(0, 8);
		String url = url("alone");
		String task = taskId(url);
		api.announce(healthy("host-a-" + run, 8101));
		for (int attempt = 1; attempt <= 3; attempt++) {
			ScheduleDecision wait = api.register("a-" + run, "host-a-" + run, url);
			assertThat(wait.type()).isEqualTo(DecisionType.WAIT);
			assertThat(wait.ladderStep()).isEqualTo(LadderStep.RETRY);
			assertThat(wait.attempt()).isEqualTo(attempt);
			assertThat(wait.retryAfterMillis()).isBetween(50L, 60L);
		}

		ScheduleDecision back = api.register("a-" + run, "host-a-" + run, url);

		assertThat(back.type()).isEqualTo(DecisionType.BACK_TO_SOURCE);
		assertThat(back.ladderStep()).isEqualTo(LadderStep.BACK_TO_SOURCE);
		assertThat(back.attempt()).isEqualTo(4);
		assertThat(back.reason()).isEqualTo("no candidate parents after 3 failed attempts (servable=0 sampled=0); "
				+ "no healthy seed: the manager lists no ACTIVE seed peer");
		PeerScheduleExplanation explanation = api.explanation("a-" + run);
		assertThat(explanation.state()).isEqualTo(PeerState.BACK_TO_SOURCE);
		assertThat(explanation.attempts().get(0).decision()).isEqualTo(DecisionType.BACK_TO_SOURCE);
		assertThat(explanation.attempts().get(0).reason()).isEqualTo(back.reason());
		assertThat(api.task(task).peersAtOrigin()).isEqualTo(1);
		String prometheus = web.get().uri("/actuator/prometheus")
			.header("Authorization", "Bearer " + TestSecurity.SCRAPE_TOKEN).exchange().expectBody(String.class).returnResult()
			.getResponseBody();
		assertThat(prometheus).containsPattern("damselfly_scheduler_back_to_source_total\\{[^}]*reason=\"no_parents\"[^}]*} [1-9]");

		// backToSourceLimit is 1 and peer a is at the origin with nothing yet: b waits, then fails.
		api.announce(healthy("host-b-" + run, 8102));
		for (int attempt = 1; attempt <= 5; attempt++) {
			assertThat(api.register("b-" + run, "host-b-" + run, url).type()).isEqualTo(DecisionType.WAIT);
		}
		assertThat(api.explanation("b-" + run).attempts().get(0).reason()).contains("1 peers already at the origin");
		ScheduleDecision fail = api.register("b-" + run, "host-b-" + run, url);
		assertThat(fail.type()).isEqualTo(DecisionType.FAIL);
		assertThat(fail.reason()).contains("backToSourceLimit 1");
		assertThat(api.explanation("b-" + run).state()).isEqualTo(PeerState.FAILED);

		// c was told to wait, not sent to the origin: its claim of an origin piece (and of the task's length)
		// is refused whole, so it cannot plant digests or sizes children would verify against.
		api.announce(healthy("host-c-" + run, 8103));
		assertThat(api.register("c-" + run, "host-c-" + run, url).type()).isEqualTo(DecisionType.WAIT);
		double refused = api.metric("damselfly_scheduler_refused_reports_total");
		web.post().uri("/api/v1/peers/{id}/pieces", "c-" + run)
			.bodyValue(new PieceReport(task, 1L << 20, null,
					List.of(PieceResult.ok(0, null, null, 3, 1L << 20, "0".repeat(64)))))
			.exchange()
			.expectStatus().isForbidden();
		assertThat(api.metric("damselfly_scheduler_refused_reports_total")).isEqualTo(refused + 1);
		assertThat(api.task(task).contentLength()).as("still unknown").isEqualTo(-1);
		assertThat(api.task(task).pieceDigestsKnown()).isZero();

		// Once the origin fetcher holds a piece, b registering again gets it as parent.
		api.report("a-" + run, new PieceReport(task, 1L << 20, null,
				List.of(PieceResult.ok(0, null, null, 3, 1L << 20, SchedulerApi.digest(task, 0)))));
		ScheduleDecision recovered = api.register("b-" + run, "host-b-" + run, url);
		assertThat(recovered.type()).isEqualTo(DecisionType.PARENTS);
		assertThat(recovered.parents()).extracting(ParentInfo::peerId).containsExactly("a-" + run);
	}


	@Test
	void aPeerNeverSentToTheOriginCannotStateTheTaskSize() {
		SchedulerApi api = new SchedulerApi(web);
		String run = UUID.randomUUID().toString().substring(0, 8);
		String url = url("sizes");
		String task = taskId(url);
		api.announce(healthy("host-x-" + run, 8104));
		assertThat(api.register("x-" + run, "host-x-" + run, url).type()).isEqualTo(DecisionType.WAIT);

		web.post().uri("/api/v1/peers/{id}/finished", "x-" + run).bodyValue(new PeerOutcome(task, 1L << 30, null))
			.exchange()
			.expectStatus().isNoContent();

		assertThat(api.task(task).contentLength()).as("a size only an origin fetcher may state").isEqualTo(-1);
	}

}
