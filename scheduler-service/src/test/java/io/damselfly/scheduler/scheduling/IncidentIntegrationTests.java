package io.damselfly.scheduler.scheduling;

import java.util.List;
import java.util.Map;
import java.util.UUID;

import io.damselfly.common.cluster.ClusterConfig;
import io.damselfly.common.download.DownloadRequest;
import io.damselfly.common.host.HealthSnapshot;
import io.damselfly.common.host.HostAnnounce;
import io.damselfly.common.host.HostType;
import io.damselfly.common.hash.Rendezvous;
import io.damselfly.common.node.Node;
import io.damselfly.common.peer.PeerRegistration;
import io.damselfly.common.schedule.DecisionType;
import io.damselfly.common.schedule.LadderStep;
import io.damselfly.common.schedule.ScheduleAttempt;
import io.damselfly.common.schedule.ScheduleDecision;
import io.damselfly.common.host.HealthStatus;
import io.damselfly.common.schedule.ParentInfo;
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

import static io.damselfly.scheduler.support.SchedulerApi.healthy;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The incident of docs/architecture.md#the-incident: the only node holding the pieces is sick, the requester is alone. The
 * scheduler must trigger a healthy seed and make the peer wait, never send it to the origin while that
 * seed exists, then hand it the seed as parent. Two seeds are listed: the one consistent hashing
 * prefers for the task has a full disk and must be skipped.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
		properties = { "damselfly.node.register=false", "damselfly.scheduler.seed-trigger-retries=100" })
// Generous: other builds share this 2-core machine, and a starved JVM must not fail a test by timing out.
@AutoConfigureWebTestClient(timeout = "30s")
class IncidentIntegrationTests {

	static final StandInServer manager = StandInServer.start();

	static final StandInServer seedOne = StandInServer.start();

	static final StandInServer seedTwo = StandInServer.start();

	static {
		manager.config.set(new ClusterConfig(4, 15, 2, 20, 100L, 200, null, null, null, null, null));
		manager.nodes.add(seedOne.asSeedNode());
		manager.nodes.add(seedTwo.asSeedNode());
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
		seedOne.close();
		seedTwo.close();
	}

	@Autowired
	WebTestClient web;

	/** Calls carry an admin token; SchedulerSecurityTests covers the refusals. */
	@BeforeEach
	void carryAnAdminToken() {
		web = TestSecurity.admin(web);
	}

	@Test
	void scheduleWhenOnlySelfAndAnUnhealthyHostRemainTriggersTheSeedAndNeverGoesBackToSource() {
		SchedulerApi api = new SchedulerApi(web);
		String run = UUID.randomUUID().toString().substring(0, 8);
		String url = "http://origin.test/image-" + run + ".tar?sig=abc";
		String task = io.damselfly.common.id.TaskIds.derive(url, "v1", "ci");
		List<Node> preference = Rendezvous.rank(task, List.of(seedOne.asSeedNode(), seedTwo.asSeedNode()), Node::id);
		StandInServer preferred = (preference.get(0).port() == seedOne.port()) ? seedOne : seedTwo;
		StandInServer healthySeed = (preferred == seedOne) ? seedTwo : seedOne;
		api.announce(SchedulerApi.host("seed-host-" + preferred.port(), preferred.port(), HostType.SEED,
				SchedulerApi.diskFull()));
		api.announce(SchedulerApi.host("seed-host-" + healthySeed.port(), healthySeed.port(), HostType.SEED,
				HealthSnapshot.up()));

		// Node A asks first: nothing is servable, so the preferred healthy seed is triggered, with A's headers.
		api.announce(healthy("host-a-" + run, 8101));
		ScheduleDecision a = api.register(new PeerRegistration("peer-a-" + run, "host-a-" + run, url, "v1", "ci",
				null, task, Map.of("Authorization", "Bearer t0ken")));
		assertThat(a.type()).isEqualTo(DecisionType.WAIT);
		assertThat(a.ladderStep()).isEqualTo(LadderStep.TRIGGER_SEED);
		// A quarter of the 100 ms retry interval (plus its jitter) on a first attempt while a seed fetches.
		assertThat(a.retryAfterMillis()).isBetween(25L, 30L);
		assertThat(a.reason()).contains("triggered seed " + healthySeed.asSeedNode().id());
		assertThat(preferred.downloads).isEmpty();
		assertThat(healthySeed.downloads).hasSize(1);
		DownloadRequest request = healthySeed.downloads.get(0);
		assertThat(request.url()).isEqualTo(url);
		assertThat(request.tag()).isEqualTo("v1");
		assertThat(request.application()).isEqualTo("ci");
		assertThat(request.headers()).containsEntry("Authorization", "Bearer t0ken");

		// A ends up holding every piece; then its disk fills up. B is alone with A's sick host.
		api.reportFromOrigin("peer-a-" + run, task, 3);
		api.finished("peer-a-" + run, task);
		api.announce(SchedulerApi.host("host-a-" + run, 8101, HostType.NORMAL, SchedulerApi.diskFull()));
		api.announce(healthy("host-b-" + run, 8102));
		ScheduleDecision first = api.register(new PeerRegistration("peer-b-" + run, "host-b-" + run, url, "v1", "ci",
				null, null, null));

		assertThat(first.type()).isEqualTo(DecisionType.WAIT);
		assertThat(first.ladderStep()).isEqualTo(LadderStep.TRIGGER_SEED);
		assertThat(first.reason()).contains("seed " + healthySeed.asSeedNode().id() + " was triggered");
		ScheduleAttempt attempt = api.explanation("peer-b-" + run).attempts().get(0);
		assertThat(attempt.filtered()).containsEntry("host_down", 1);
		assertThat(attempt.rejections()).containsEntry("peer-a-" + run, "host_down: diskSpace: used 91% > 85%");

		for (int i = 0; i < 5; i++) {
			ScheduleDecision again = api.reschedule("peer-b-" + run, task);
			assertThat(again.type()).isEqualTo(DecisionType.WAIT);
			assertThat(again.ladderStep()).isEqualTo(LadderStep.TRIGGER_SEED);
		}
		assertThat(api.explanation("peer-b-" + run).attempts())
			.noneMatch((x) -> x.decision() == DecisionType.BACK_TO_SOURCE);
		// The mark in Redis keeps every attempt (and every instance) from triggering the seed again.
		assertThat(healthySeed.downloads).hasSize(1);
		assertThat(preferred.downloads).isEmpty();

		// The triggered seed registers like any peer: a seed with nothing servable fetches first from origin.
		ScheduleDecision seed = api.register(new PeerRegistration("seed-peer-" + run, "seed-host-" + healthySeed.port(),
				url, "v1", "ci", null, null, null));
		assertThat(seed.type()).isEqualTo(DecisionType.BACK_TO_SOURCE);
		assertThat(seed.ladderStep()).isEqualTo(LadderStep.SEED_FIRST_FETCH);

		ScheduleDecision parents = api.reschedule("peer-b-" + run, task);
		assertThat(parents.type()).isEqualTo(DecisionType.PARENTS);
		assertThat(parents.parents()).extracting(ParentInfo::peerId).containsExactly("seed-peer-" + run);
		assertThat(parents.parents().get(0).hostType()).isEqualTo(HostType.SEED);
		assertThat(parents.parents().get(0).url()).isEqualTo("http://127.0.0.1:" + healthySeed.port());
		assertThat(api.task(task).peersAtOrigin()).isEqualTo(1);
	}

	@Test
	void aSeedDegradedOrFetchingServesEvenWithAnEmptyBitmap() {
		SchedulerApi api = new SchedulerApi(web);
		String run = UUID.randomUUID().toString().substring(0, 8);
		String url = "http://origin.test/model-" + run + ".bin";
		HostAnnounce seedHost = SchedulerApi.host("seed-x-" + run, 18999, HostType.SEED,
				new HealthSnapshot(HealthStatus.UP, 10.0, null, null));
		api.announce(seedHost);
		api.announce(healthy("host-c-" + run, 8103));
		assertThat(api.register("seed-peer-" + run, "seed-x-" + run, url).ladderStep())
			.isEqualTo(LadderStep.SEED_FIRST_FETCH);
		ScheduleDecision child = api.register("child-" + run, "host-c-" + run, url);
		assertThat(child.type()).isEqualTo(DecisionType.PARENTS);
		assertThat(child.parents().get(0).pieces()).isEmpty();
	}

}
