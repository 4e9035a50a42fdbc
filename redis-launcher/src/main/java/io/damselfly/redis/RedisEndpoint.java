package io.damselfly.redis;

/**
 * Where a Redis listens and which link of the chain provided it.
 *
 * @param host host name or IP
 * @param port port
 * @param source {@code REDIS_URL}, {@code testcontainers}, {@code redis-server} or {@code embedded}
 */
public record RedisEndpoint(String host, int port, String source) {

	public String url() {
		return "redis://" + host + ":" + port;
	}

}
