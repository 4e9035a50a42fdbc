package io.damselfly.scheduler.state;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import io.damselfly.common.host.HealthSnapshot;
import io.damselfly.common.host.HostAnnounce;
import io.damselfly.common.host.HostType;
import io.damselfly.common.node.NodeEvents;
import io.damselfly.common.peer.PieceResult;
import io.damselfly.common.schedule.DecisionType;
import io.damselfly.scheduler.host.HostBreakerProperties;
import io.damselfly.scheduler.host.HostRecord;
import io.damselfly.redis.LocalRedisCluster;
import io.damselfly.testsupport.redis.TestRedis;
import io.lettuce.core.RedisClient;
import io.lettuce.core.cluster.SlotHash;
import io.lettuce.core.pubsub.RedisPubSubAdapter;
import io.lettuce.core.pubsub.StatefulRedisPubSubConnection;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.data.redis.connection.RedisClusterConfiguration;
import org.springframework.data.redis.connection.lettuce.LettuceClientConfiguration;
import org.springframework.data.redis.connection.lettuce.LettuceConnectionFactory;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The scheduler's state on a real Redis Cluster (3 masters, 3 replicas on loopback): every script runs
 * with its keys declared and in one slot, for tasks whose slots lie on every master; a cross-slot
 * {@code MGET} of hosts comes back in order; and a node event published through one node reaches a
 * subscriber connected through the cluster client.
 */
class RedisClusterStateIntegrationTests {

	private static final Duration TIMEOUT = Duration.ofSeconds(20);

	private static final String DIGEST = "0".repeat(64);

	static LocalRedisCluster cluster;

	static LettuceConnectionFactory factory;

	static RedisLink redis;

	@BeforeAll
	static void connect() {
		cluster = TestRedis.cluster();
		RedisClusterConfiguration config = new RedisClusterConfiguration(List.of(cluster.nodesProperty().split(",")));
		factory = new LettuceConnectionFactory(config, LettuceClientConfiguration.defaultConfiguration());
		factory.afterPropertiesSet();
		factory.start();
		redis = new RedisLink(factory);
		redis.start();
	}

	@AfterAll
	static void disconnect() {
		redis.stop();
		factory.destroy();
	}

	@Test
	void roundsAndReportsWorkForTasksOnEveryMaster() {
		RedisTaskStateRepository tasks = new RedisTaskStateRepository(redis);
		Set<Integer> slotRanges = new HashSet<>();
		for (int i = 0; i < 12; i++) {
			String taskId = String.format("%064x", (long) i * 7919 + System.nanoTime() % 100_000);
			slotRanges.add(SlotHash.getSlot(RedisKeys.task(taskId)) * 3 / SlotHash.SLOT_COUNT);
			long now = System.currentTimeMillis();
			RoundData first = tasks.openRound(query(taskId, "peer-a", "host-a", now)).block(TIMEOUT);
			assertThat(first).isNotNull();
			assertThat(first.candidates()).isEmpty();
			tasks.recordDecision(new DecisionRecord(taskId, "peer-a", DecisionType.BACK_TO_SOURCE, List.of(), false,
					"{}", 5, 3600, now)).block(TIMEOUT);
			BatchOutcome fromOrigin = tasks.applyPieces(new PieceBatch(taskId, "peer-a", 8L << 20, 4L << 20, 2,
					List.of(PieceResult.ok(0, null, null, 5, 4 << 20, DIGEST), PieceResult.ok(1, null, null, 5, 4 << 20,
							DIGEST)), 3600, 3600, now)).block(TIMEOUT);
			assertThat(fromOrigin.status()).isEqualTo(BatchOutcome.Status.OK);

			RoundData second = tasks.openRound(query(taskId, "peer-b", "host-b", now + 1)).block(TIMEOUT);
			assertThat(second.candidates()).singleElement().satisfies((row) -> {
				assertThat(row.peerId()).isEqualTo("peer-a");
				assertThat(row.hostId()).isEqualTo("host-a");
				assertThat(row.pieces()).isNotEmpty();
				assertThat(row.pieces()[0] & 0xC0).isEqualTo(0xC0);
			});
			tasks.recordDecision(new DecisionRecord(taskId, "peer-b", DecisionType.PARENTS, List.of("peer-a"), false,
					"{}", 5, 3600, now + 1)).block(TIMEOUT);
			// The parent's host is not named: the script looks it up in the parent's record, declared in KEYS.
			BatchOutcome fromPeer = tasks.applyPieces(new PieceBatch(taskId, "peer-b", null, null, null,
					List.of(PieceResult.ok(0, "peer-a", null, 5, 4 << 20, DIGEST)), 3600, 3600, now + 2)).block(TIMEOUT);
			assertThat(fromPeer.status()).isEqualTo(BatchOutcome.Status.OK);
			assertThat(fromPeer.parentHosts()).containsExactly("host-a");
		}
		assertThat(slotRanges).as("tasks whose slots lie on each of the three masters").hasSize(3);
	}

	@Test
	void hostsOnDifferentSlotsAreReadTogetherInOrder() {
		RedisHostRepository hosts = new RedisHostRepository(redis, JsonMapper.builder().build(),
				new HostBreakerProperties(8, 3, 50, 2, Duration.ofMillis(1000), 2, 2, Duration.ofMillis(1500),
						Duration.ofHours(1)));
		List<String> ids = new ArrayList<>();
		for (int i = 0; i < 10; i++) {
			String id = "cluster-host-" + i + "-" + System.nanoTime();
			ids.add(id);
			hosts.save(new HostRecord(new HostAnnounce(id, id, "10.0.0." + i, 8100 + i, HostType.NORMAL, null, null, 100,
					0, HealthSnapshot.up()), Instant.now()), Duration.ofMinutes(1)).block(TIMEOUT);
		}
		Map<String, HostRepository.HostEntry> found = hosts.findAll(ids).block(TIMEOUT);
		assertThat(found).hasSize(10);
		ids.forEach((id) -> assertThat(found.get(id).host().announce().hostId()).isEqualTo(id));
	}

	@Test
	void anEventPublishedThroughAnyNodeReachesAClusterSubscriber() throws Exception {
		BlockingQueue<String> received = new LinkedBlockingQueue<>();
		io.lettuce.core.cluster.RedisClusterClient client = (io.lettuce.core.cluster.RedisClusterClient) factory
			.getNativeClient();
		try (StatefulRedisPubSubConnection<String, String> subscriber = client.connectPubSub()) {
			subscriber.addListener(new RedisPubSubAdapter<>() {

				@Override
				public void message(String channel, String message) {
					received.add(message);
				}

			});
			subscriber.sync().subscribe(NodeEvents.CHANNEL);
			for (int port : cluster.ports()) {
				RedisClient node = RedisClient.create("redis://127.0.0.1:" + port);
				try (var connection = node.connect()) {
					connection.sync().publish(NodeEvents.CHANNEL, "from-" + port);
				}
				finally {
					node.shutdown();
				}
				assertThat(received.poll(5, TimeUnit.SECONDS)).isEqualTo("from-" + port);
			}
		}
	}

	private static RoundQuery query(String taskId, String peerId, String hostId, long now) {
		return new RoundQuery(taskId, peerId, hostId, true, "http://origin/file", "http://origin/file", "", "", "",
				false, List.of(), 15, 30, 3600, 3600, now);
	}

}
