package io.damselfly.scheduler.scheduling;

import java.time.Duration;
import java.util.UUID;

import io.damselfly.common.cluster.ClusterConfig;
import io.damselfly.common.schedule.DecisionType;
import io.damselfly.common.schedule.ParentInfo;
import io.damselfly.common.schedule.ScheduleAttempt;
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
import org.springframework.http.HttpStatus;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.reactive.server.WebTestClient;

import static io.damselfly.scheduler.support.SchedulerApi.healthy;
import static io.damselfly.scheduler.support.SchedulerApi.taskId;
import static io.damselfly.scheduler.support.SchedulerApi.url;
import static org.assertj.core.api.Assertions.assertThat;

/** A host that stops announcing expires from Redis after 3 intervals and drops out of the candidates. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
		properties = "damselfly.node.register=false")
// Generous: other builds share this 2-core machine, and a starved JVM must not fail a test by timing out.
@AutoConfigureWebTestClient(timeout = "30s")
class HostExpiryIntegrationTests {

	static final StandInServer manager = StandInServer.start();

	static {
		manager.config.set(new ClusterConfig(null, null, null, null, null, null, null, null, 1, null, null));
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
	void aSilentHostExpiresAndItsPeersLeaveTheCandidates() throws InterruptedException {
		SchedulerApi api = new SchedulerApi(web);
		String run = UUID.randomUUID().toString().substring(0, 8);
		String url = url("expiry");
		String task = taskId(url);
		web.post().uri("/api/v1/hosts").bodyValue(healthy("host-a-" + run, 8101)).exchange().expectStatus().isOk()
			.expectBody().jsonPath("$.ttlSeconds").isEqualTo(3).jsonPath("$.announceIntervalSeconds").isEqualTo(1);
		api.announce(healthy("host-b-" + run, 8102));
		api.register("a-" + run, "host-a-" + run, url);
		api.reportFromOrigin("a-" + run, task, 2);
		ScheduleDecision first = api.register("b-" + run, "host-b-" + run, url);
		assertThat(first.parents()).extracting(ParentInfo::peerId).containsExactly("a-" + run);

		long deadline = System.nanoTime() + Duration.ofSeconds(15).toNanos();
		ScheduleDecision latest = first;
		while (!latest.parents().isEmpty() && System.nanoTime() < deadline) {
			Thread.sleep(300);
			api.announce(healthy("host-b-" + run, 8102));
			latest = api.reschedule("b-" + run, task);
		}

		assertThat(latest.parents()).isEmpty();
		assertThat(latest.type()).isEqualTo(DecisionType.WAIT);
		ScheduleAttempt attempt = api.explanation("b-" + run).attempts().get(0);
		assertThat(attempt.filtered()).containsEntry("host_unknown", 1);
		assertThat(attempt.rejections().get("a-" + run)).contains("has not announced within its TTL");
		assertThat(api.hostStatus("host-a-" + run)).isEqualTo(HttpStatus.NOT_FOUND);
		assertThat(api.hostStatus("host-b-" + run)).isEqualTo(HttpStatus.OK);
	}

}
