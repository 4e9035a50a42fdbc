package io.damselfly.testsupport.redis;

import io.damselfly.redis.LocalRedisServer;
import io.damselfly.redis.RedisEndpoint;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class TestRedisTests {

	@Test
	void getProvidesARedisThatAnswersPing() throws Exception {
		RedisEndpoint endpoint = TestRedis.get();
		assertThat(LocalRedisServer.ping(endpoint.host(), endpoint.port())).isTrue();
		assertThat(endpoint.url()).startsWith("redis://");
	}

	@Test
	void localServerCanBeStoppedAndStartedAgainOnTheSamePort() throws Exception {
		try (LocalRedisServer server = LocalRedisServer.onFreePort().start()) {
			int port = server.port();
			assertThat(LocalRedisServer.ping("127.0.0.1", port)).isTrue();
			server.stop();
			assertThat(server.isRunning()).isFalse();
			server.start();
			assertThat(server.port()).isEqualTo(port);
			assertThat(LocalRedisServer.ping("127.0.0.1", port)).isTrue();
		}
	}

	@Test
	void embeddedLinkStartsARealRedisWithoutRedisServerOnPath() throws Exception {
		try (LocalRedisServer server = LocalRedisServer.onFreePort().embeddedOnly().start()) {
			assertThat(server.endpoint().source()).isEqualTo("embedded");
			assertThat(LocalRedisServer.ping("127.0.0.1", server.port())).isTrue();
		}
	}

}
