package io.damselfly.testsupport.redis;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.net.URI;

import io.damselfly.redis.LocalRedisCluster;
import io.damselfly.redis.LocalRedisServer;
import io.damselfly.redis.RedisEndpoint;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.test.context.DynamicPropertyRegistry;

/**
 * One real Redis per test JVM, found in the order of docs/architecture.md#testing:
 * <ol>
 * <li>{@code REDIS_URL} (e.g. {@code redis://127.0.0.1:6379}), used as is;</li>
 * <li>Testcontainers ({@code redis:7-alpine}) when a Docker engine answers;</li>
 * <li>{@code redis-server} on the PATH, started on a free loopback port;</li>
 * <li>embedded Redis.</li>
 * </ol>
 * If none works, {@link #get()} throws, so the test fails: a test that needs Redis never passes
 * without one. Use it from a Spring test with
 * {@code @DynamicPropertySource static void redis(DynamicPropertyRegistry r) { TestRedis.register(r); }}.
 * <p>
 * With {@code DAMSELFLY_TEST_REDIS=cluster} (or {@code -Ddamselfly.test.redis=cluster}) {@link #register}
 * points every test at one shared {@link LocalRedisCluster} instead (3 masters, 3 replicas), so the
 * whole suite can be run against Redis Cluster; {@link #registerCluster} does so for one test class
 * always.
 */
public final class TestRedis {

	private static final Logger logger = LoggerFactory.getLogger(TestRedis.class);

	private static @Nullable RedisEndpoint endpoint;

	private static @Nullable LocalRedisCluster cluster;

	private TestRedis() {
	}

	/** The shared Redis, started on first use and stopped when the JVM exits. */
	public static synchronized RedisEndpoint get() {
		if (endpoint == null) {
			endpoint = find();
			logger.info("Tests use Redis at {} (from {})", endpoint.url(), endpoint.source());
		}
		return endpoint;
	}

	/** Points Spring Data Redis at the shared Redis, or at the shared Redis Cluster in cluster mode. */
	public static void register(DynamicPropertyRegistry registry) {
		if (clusterMode()) {
			registerCluster(registry);
		}
		else {
			registry.add("spring.data.redis.url", () -> get().url());
		}
	}

	/** Points Spring Data Redis at the shared Redis Cluster, with Lettuce's topology refresh on. */
	public static void registerCluster(DynamicPropertyRegistry registry) {
		registry.add("spring.data.redis.cluster.nodes", () -> cluster().nodesProperty());
		registry.add("spring.data.redis.lettuce.cluster.refresh.adaptive", () -> "true");
		registry.add("spring.data.redis.lettuce.cluster.refresh.period", () -> "5s");
	}

	/** True when {@code DAMSELFLY_TEST_REDIS} or {@code damselfly.test.redis} says {@code cluster}. */
	public static boolean clusterMode() {
		String mode = System.getProperty("damselfly.test.redis", System.getenv("DAMSELFLY_TEST_REDIS"));
		return "cluster".equalsIgnoreCase((mode != null) ? mode.trim() : "");
	}

	/**
	 * One Redis Cluster per test JVM, started on first use on six free consecutive ports whose bus ports
	 * are free too, and stopped when the JVM exits.
	 * @throws IllegalStateException when redis-server or redis-cli is missing: a cluster test never passes
	 * without a cluster
	 */
	public static synchronized LocalRedisCluster cluster() {
		if (cluster == null) {
			Path dir;
			try {
				dir = Files.createTempDirectory("damselfly-test-redis-cluster");
			}
			catch (IOException ex) {
				throw new UncheckedIOException(ex);
			}
			LocalRedisCluster started = LocalRedisCluster.onFreePorts(dir).start();
			Runtime.getRuntime().addShutdownHook(new Thread(started::stop, "test-redis-cluster-stop"));
			logger.info("Tests use the Redis Cluster at {}", started.nodesProperty());
			cluster = started;
		}
		return cluster;
	}

	private static RedisEndpoint find() {
		String url = System.getenv("REDIS_URL");
		if (url != null && !url.isBlank()) {
			URI uri = URI.create(url.trim());
			return new RedisEndpoint(uri.getHost(), (uri.getPort() > 0) ? uri.getPort() : 6379, "REDIS_URL");
		}
		RedisEndpoint container = ContainerRedis.startIfDockerAvailable();
		if (container != null) {
			return container;
		}
		LocalRedisServer server = LocalRedisServer.onFreePort().start();
		Runtime.getRuntime().addShutdownHook(new Thread(server::stop, "test-redis-stop"));
		return server.endpoint();
	}

}
