package io.damselfly.testsupport.redis;

import io.damselfly.redis.RedisEndpoint;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.testcontainers.DockerClientFactory;
import org.testcontainers.containers.GenericContainer;
import org.testcontainers.utility.DockerImageName;

/** The Testcontainers link of the chain; kept apart so nothing else loads Testcontainers classes. */
final class ContainerRedis {

	private static final Logger logger = LoggerFactory.getLogger(ContainerRedis.class);

	private ContainerRedis() {
	}

	@SuppressWarnings("resource")
	static @Nullable RedisEndpoint startIfDockerAvailable() {
		if (!dockerAvailable()) {
			logger.info("No Docker engine: skipping the Testcontainers link of the Redis chain");
			return null;
		}
		GenericContainer<?> redis = new GenericContainer<>(DockerImageName.parse("redis:7-alpine"))
			.withExposedPorts(6379);
		redis.start();
		return new RedisEndpoint(redis.getHost(), redis.getMappedPort(6379), "testcontainers");
	}

	private static boolean dockerAvailable() {
		try {
			return DockerClientFactory.instance().isDockerAvailable();
		}
		catch (RuntimeException | LinkageError ex) {
			// Fail-open to the next link: a broken Docker setup must not stop tests that can use a local Redis.
			logger.info("Docker check failed ({}): skipping Testcontainers", ex.toString());
			return false;
		}
	}

}
