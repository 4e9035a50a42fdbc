package io.damselfly.testsupport.redis;

import java.net.URI;

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
 */
public final class TestRedis {

	private static final Logger logger = LoggerFactory.getLogger(TestRedis.class);

	private static @Nullable RedisEndpoint endpoint;

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

	/** Points Spring Data Redis at the shared Redis. */
	public static void register(DynamicPropertyRegistry registry) {
		registry.add("spring.data.redis.url", () -> get().url());
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
