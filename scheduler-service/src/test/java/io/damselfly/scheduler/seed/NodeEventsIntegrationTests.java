package io.damselfly.scheduler.seed;

import java.time.Duration;
import java.time.Instant;
import java.util.function.Supplier;

import io.damselfly.common.host.HealthSnapshot;
import io.damselfly.common.host.HostType;
import io.damselfly.common.node.Node;
import io.damselfly.common.node.NodeEvents;
import io.damselfly.common.node.NodeState;
import io.damselfly.scheduler.host.HostCondition;
import io.damselfly.scheduler.support.SchedulerApi;
import io.damselfly.scheduler.support.TestSecurity;
import io.damselfly.scheduler.support.StandInServer;
import io.damselfly.testsupport.redis.TestRedis;
import io.lettuce.core.RedisClient;
import io.lettuce.core.api.StatefulRedisConnection;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webtestclient.autoconfigure.AutoConfigureWebTestClient;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.reactive.server.WebTestClient;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The manager's ejection of a seed reaches the scheduler through {@value NodeEvents#CHANNEL} at once:
 * the seed list is cached for an hour here, so without the event the scheduler would keep calling the
 * seed ACTIVE for the whole test. An event of another cluster changes nothing.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
		properties = { "damselfly.node.register=false", "damselfly.scheduler.seed-list-refresh=1h" })
@AutoConfigureWebTestClient(timeout = "30s")
class NodeEventsIntegrationTests {

	private static final String DISK_FULL = "diskSpace: used 91% > 85% (volume)";

	static final StandInServer manager = StandInServer.start();

	static final StandInServer seed = StandInServer.start();

	@DynamicPropertySource
	static void properties(DynamicPropertyRegistry registry) {
		TestRedis.register(registry);
		registry.add("damselfly.manager.url", manager::url);
		TestSecurity.register(registry);
	}

	@AfterAll
	static void stop() {
		manager.close();
		seed.close();
	}

	@Autowired
	WebTestClient web;

	/** Calls carry an admin token; SchedulerSecurityTests covers the refusals. */
	@BeforeEach
	void carryAnAdminToken() {
		web = TestSecurity.admin(web);
	}

	@Test
	void aSeedEjectionPublishedByTheManagerIsHonouredAtOnceAndOtherClustersAreIgnored() throws Exception {
		SchedulerApi api = new SchedulerApi(web);
		Node active = seed.asSeedNode();
		manager.nodes.add(active);
		String hostId = "seed-host-" + seed.port();
		api.announce(SchedulerApi.host(hostId, seed.port(), HostType.SEED, HealthSnapshot.up()));
		assertThat(await(() -> api.host(hostId).managerState(), "ACTIVE")).isEqualTo("ACTIVE");

		Node ejected = new Node(active.id(), active.type(), active.clusterId(), active.url(), active.host(),
				active.port(), null, null, NodeState.EJECTED, DISK_FULL, active.registeredAt(), Instant.now(),
				Instant.now());
		manager.nodes.clear();
		manager.nodes.add(ejected);
		RedisClient client = RedisClient.create(TestRedis.get().url());
		try (StatefulRedisConnection<String, String> redis = client.connect()) {
			redis.sync().publish(NodeEvents.CHANNEL, event(active, "other-cluster"));
			Thread.sleep(1000);
			assertThat(api.host(hostId).managerState()).as("an event of another cluster re-reads nothing")
				.isEqualTo("ACTIVE");

			redis.sync().publish(NodeEvents.CHANNEL, "not json");
			redis.sync().publish(NodeEvents.CHANNEL, event(active, active.clusterId()));
			assertThat(await(() -> api.host(hostId).managerState(), "EJECTED")).isEqualTo("EJECTED");
			assertThat(api.host(hostId).condition()).isEqualTo(HostCondition.EJECTED);
			assertThat(api.host(hostId).reason()).isEqualTo("manager: " + DISK_FULL);
		}
		finally {
			client.shutdown();
		}
	}

	private static String event(Node node, String clusterId) {
		return "{\"id\":\"" + node.id() + "\",\"type\":\"SEED_PEER\",\"clusterId\":\"" + clusterId + "\",\"url\":\""
				+ node.url() + "\",\"from\":\"ACTIVE\",\"to\":\"EJECTED\",\"reason\":\"" + DISK_FULL + "\",\"at\":\""
				+ Instant.now() + "\"}";
	}

	/** Polls for up to 5 s (a refresh on the hour-long cache could never make it) and returns the last value. */
	private static <T> T await(Supplier<T> read, T expected) throws InterruptedException {
		long deadline = System.nanoTime() + Duration.ofSeconds(5).toNanos();
		T value = read.get();
		while (!expected.equals(value) && System.nanoTime() < deadline) {
			Thread.sleep(50);
			value = read.get();
		}
		return value;
	}

}
