package io.damselfly.scheduler.scheduling;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

import io.damselfly.common.cluster.ClusterConfig;
import io.damselfly.common.host.HealthSnapshot;
import io.damselfly.common.host.HostType;
import io.damselfly.common.id.TaskIds;
import io.damselfly.common.hash.Rendezvous;
import io.damselfly.common.node.Node;
import io.damselfly.common.node.NodeState;
import io.damselfly.common.schedule.DecisionType;
import io.damselfly.common.schedule.LadderStep;
import io.damselfly.common.schedule.ParentInfo;
import io.damselfly.common.schedule.ScheduleAttempt;
import io.damselfly.common.schedule.ScheduleDecision;
import io.damselfly.scheduler.api.HostView;
import io.damselfly.scheduler.host.HostCondition;
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
 * The incident of docs/architecture.md#the-incident seen from the manager: the seed that consistent hashing prefers for the
 * task holds its pieces but the manager EJECTED it (disk full), although its own announce still says
 * UP. The scheduler must filter it as {@code ejected: manager: …}, skip it when triggering, trigger the
 * healthy seed instead and make the peer wait, never sending it to the origin while that seed exists.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
		properties = { "damselfly.node.register=false", "damselfly.scheduler.seed-trigger-retries=100",
				"damselfly.scheduler.seed-list-refresh=100ms" })
// Generous: other builds share this 2-core machine, and a starved JVM must not fail a test by timing out.
@AutoConfigureWebTestClient(timeout = "30s")
class ManagerEjectionIntegrationTests {

	private static final String DISK_FULL = "diskSpace: used 91% > 85%";

	static final StandInServer manager = StandInServer.start();

	static final StandInServer seedOne = StandInServer.start();

	static final StandInServer seedTwo = StandInServer.start();

	static {
		manager.config.set(new ClusterConfig(4, 15, 2, 20, 100L, 200, null, null, null, null, null));
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

	private static Node withState(Node node, NodeState state, String reason) {
		Instant now = Instant.now();
		return new Node(node.id(), node.type(), node.clusterId(), node.url(), node.host(), node.port(), null, null, state,
				reason, node.registeredAt(), now, now);
	}

	@Test
	void aSeedTheManagerEjectedIsFilteredAndSkippedAndTheHealthySeedIsTriggeredInstead() throws InterruptedException {
		SchedulerApi api = new SchedulerApi(web);
		String run = UUID.randomUUID().toString().substring(0, 8);
		String url = "http://origin.test/layer-" + run + ".tar";
		String task = TaskIds.derive(url, null, null);
		List<Node> preference = Rendezvous.rank(task, List.of(seedOne.asSeedNode(), seedTwo.asSeedNode()), Node::id);
		StandInServer sick = (preference.get(0).port() == seedOne.port()) ? seedOne : seedTwo;
		StandInServer healthySeed = (sick == seedOne) ? seedTwo : seedOne;
		String sickHost = "seed-host-" + sick.port();
		String sickSeedPeer = "sick-seed-peer-" + run;
		// The sick seed fetched the task before its disk filled up; it still announces itself UP.
		api.announce(SchedulerApi.host(sickHost, sick.port(), HostType.SEED, HealthSnapshot.up()));
		api.announce(SchedulerApi.host("seed-host-" + healthySeed.port(), healthySeed.port(), HostType.SEED,
				HealthSnapshot.up()));
		assertThat(api.register(sickSeedPeer, sickHost, url).ladderStep()).isEqualTo(LadderStep.SEED_FIRST_FETCH);
		api.reportFromOrigin(sickSeedPeer, task, 3);
		manager.nodes.add(withState(sick.asSeedNode(), NodeState.EJECTED, DISK_FULL));
		manager.nodes.add(healthySeed.asSeedNode());
		awaitCondition(api, sickHost, HostCondition.EJECTED);

		api.announce(healthy("host-b-" + run, 8102));
		ScheduleDecision first = api.register("peer-b-" + run, "host-b-" + run, url);

		assertThat(first.type()).isEqualTo(DecisionType.WAIT);
		assertThat(first.ladderStep()).isEqualTo(LadderStep.TRIGGER_SEED);
		assertThat(first.reason()).contains("triggered seed " + healthySeed.asSeedNode().id());
		ScheduleAttempt attempt = api.explanation("peer-b-" + run).attempts().get(0);
		assertThat(attempt.filtered()).containsEntry("ejected", 1);
		assertThat(attempt.rejections()).containsEntry(sickSeedPeer, "ejected: manager: " + DISK_FULL);
		assertThat(sick.downloads).isEmpty();
		assertThat(healthySeed.downloads).hasSize(1);
		for (int i = 0; i < 4; i++) {
			ScheduleDecision again = api.reschedule("peer-b-" + run, task);
			assertThat(again.type()).isEqualTo(DecisionType.WAIT);
			assertThat(again.ladderStep()).isEqualTo(LadderStep.TRIGGER_SEED);
		}
		assertThat(api.explanation("peer-b-" + run).attempts())
			.noneMatch((x) -> x.decision() == DecisionType.BACK_TO_SOURCE);
		assertThat(sick.downloads).isEmpty();
		HostView view = api.host(sickHost);
		assertThat(view.reason()).isEqualTo("manager: " + DISK_FULL);
		assertThat(view.managerState()).isEqualTo("EJECTED");
		assertThat(view.breaker()).isEqualTo("CLOSED");
		// What `damselfly status` prints: the seed still says UP about itself; the manager knows better.
		assertThat(view.health().status()).isEqualTo(io.damselfly.common.host.HealthStatus.UP);
		assertThat(view.condition()).isEqualTo(HostCondition.EJECTED);
		assertThat(api.metric("damselfly_scheduler_host_ejections_total{source=\"manager\"}")).isGreaterThanOrEqualTo(1);

		// The triggered seed registers and fetches; the peer gets it, still never the ejected one.
		String healthySeedPeer = "healthy-seed-peer-" + run;
		assertThat(api.register(healthySeedPeer, "seed-host-" + healthySeed.port(), url).ladderStep())
			.isEqualTo(LadderStep.SEED_FIRST_FETCH);
		ScheduleDecision parents = api.reschedule("peer-b-" + run, task);
		assertThat(parents.type()).isEqualTo(DecisionType.PARENTS);
		assertThat(parents.parents()).extracting(ParentInfo::peerId).containsExactly(healthySeedPeer);

		// The manager probes the sick seed back in: it is on probation, behind the healthy seed.
		manager.nodes.removeIf((node) -> node.port() == sick.port());
		manager.nodes.add(withState(sick.asSeedNode(), NodeState.PROBING, DISK_FULL));
		awaitCondition(api, sickHost, HostCondition.PROBATION);
		api.announce(healthy("host-c-" + run, 8103));
		ScheduleDecision c = api.register("peer-c-" + run, "host-c-" + run, url);
		assertThat(c.ladderStep()).isEqualTo(LadderStep.NONE);
		assertThat(c.parents()).extracting(ParentInfo::peerId).contains(healthySeedPeer).doesNotContain(sickSeedPeer);
		assertThat(api.explanation("peer-c-" + run).attempts().get(0).rejections().get(sickSeedPeer))
			.isEqualTo("probation: manager: probing after " + DISK_FULL);
	}

	private static void awaitCondition(SchedulerApi api, String hostId, HostCondition condition)
			throws InterruptedException {
		long deadline = System.nanoTime() + Duration.ofSeconds(15).toNanos();
		while (api.host(hostId).condition() != condition && System.nanoTime() < deadline) {
			Thread.sleep(100);
		}
		assertThat(api.host(hostId).condition()).isEqualTo(condition);
	}

}
