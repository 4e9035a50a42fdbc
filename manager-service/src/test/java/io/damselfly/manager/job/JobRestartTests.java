package io.damselfly.manager.job;

import java.time.Duration;
import java.util.Map;
import java.util.UUID;

import io.damselfly.common.node.NodeRegistration;
import io.damselfly.common.node.NodeType;
import io.damselfly.manager.ManagerApplication;
import io.damselfly.manager.ManagerIntegrationTestSupport;
import io.damselfly.manager.OwnNettyResources;
import io.damselfly.manager.job.api.JobView;
import io.damselfly.manager.job.store.RedisJobRepository;
import io.damselfly.testsupport.redis.TestRedis;
import org.junit.jupiter.api.Test;
import reactor.test.StepVerifier;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.data.redis.core.ReactiveStringRedisTemplate;
import org.springframework.test.web.reactive.server.WebTestClient;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** Jobs kept in Redis: one accepted by a manager that stops is run by the next one, exactly once. */
class JobRestartTests {

	@Test
	void jobAcceptedBeforeARestartIsRunByTheNextManager() {
		// A database of its own: the managers other test classes keep running in this JVM resume unfinished
		// jobs from database 0 and would run this one, so "the next manager ran it" could not be told apart.
		String redisUrl = TestRedis.get().url() + "/7";
		String cluster = "jobs-" + UUID.randomUUID().toString().substring(0, 8);
		String id;
		try (StandInNode seed = new StandInNode()) {
			try (ConfigurableApplicationContext first = start(redisUrl, false)) {
				WebTestClient web = ManagerIntegrationTestSupport.adminClient(first);
				web.post().uri("/api/v1/nodes")
					.bodyValue(new NodeRegistration(NodeType.SEED_PEER, cluster, "127.0.0.1", seed.port(), null, null))
					.exchange().expectStatus().isCreated();
				JobView job = web.post().uri("/api/v1/jobs")
					.bodyValue(Map.of("url", "http://origin.test/restart.bin", "clusterId", cluster))
					.exchange().expectStatus().isAccepted().expectBody(JobView.class).returnResult().getResponseBody();
				assertThat(job).isNotNull();
				assertThat(job.state()).isEqualTo(JobState.PENDING);
				id = job.id();
			}
			assertThat(seed.downloads).isEmpty();

			try (ConfigurableApplicationContext second = start(redisUrl, true);
					ConfigurableApplicationContext third = start(redisUrl, true)) {
				WebTestClient web = ManagerIntegrationTestSupport.adminClient(second);
				await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(200)).untilAsserted(() -> {
					JobView job = web.get().uri("/api/v1/jobs/{id}", id).exchange().expectStatus().isOk()
						.expectBody(JobView.class).returnResult().getResponseBody();
					assertThat(job.state()).isEqualTo(JobState.SUCCEEDED);
					assertThat(job.nodes()).singleElement().satisfies((node) -> assertThat(node.bytes()).isEqualTo(100));
				});
				// Two managers were looking for unfinished jobs: only the one holding the claim ran it.
				assertThat(seed.downloads).hasSize(1);
			}
		}
	}

	@Test
	void aClaimIsHeldByOneOwnerAndOnlyThatOwnerRenewsOrReleasesIt() {
		try (ConfigurableApplicationContext manager = start(TestRedis.get().url(), false)) {
			RedisJobRepository jobs = new RedisJobRepository(manager.getBean(ReactiveStringRedisTemplate.class),
					manager.getBean(JsonMapper.class));
			String id = "job-" + UUID.randomUUID().toString().replace("-", "").substring(0, 16);
			Duration ttl = Duration.ofSeconds(30);
			StepVerifier.create(jobs.claim(id, "a", ttl)).expectNext(true).verifyComplete();
			StepVerifier.create(jobs.claim(id, "b", ttl)).expectNext(false).verifyComplete();
			StepVerifier.create(jobs.renew(id, "b", ttl)).expectNext(false).verifyComplete();
			StepVerifier.create(jobs.release(id, "b").then(jobs.claim(id, "b", ttl))).expectNext(false)
				.verifyComplete();
			StepVerifier.create(jobs.renew(id, "a", ttl)).expectNext(true).verifyComplete();
			StepVerifier.create(jobs.release(id, "a").then(jobs.claim(id, "b", ttl))).expectNext(true)
				.verifyComplete();
		}
	}

	private static ConfigurableApplicationContext start(String redisUrl, boolean runJobs) {
		return new SpringApplicationBuilder(ManagerApplication.class, OwnNettyResources.class).run("--server.port=0",
				"--spring.data.redis.url=" + redisUrl, "--spring.jmx.enabled=false", "--damselfly.probe.enabled=false",
				"--damselfly.jobs.enabled=" + runJobs, "--damselfly.jobs.resume-interval=1s",
				// The stand-in seed sends no keepalives; a loaded machine must not let it lapse to INACTIVE.
				"--damselfly.registry.keepalive-ttl=10m");
	}


}
