package io.damselfly.gateway.ratelimit;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicLong;

import io.damselfly.redis.RedisEndpoint;
import io.damselfly.testsupport.redis.TestRedis;
import io.lettuce.core.ClientOptions;
import io.lettuce.core.SocketOptions;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import org.springframework.cloud.gateway.filter.ratelimit.RateLimiter.Response;
import org.springframework.cloud.gateway.filter.ratelimit.RedisRateLimiter;
import org.springframework.context.support.GenericApplicationContext;
import org.springframework.core.io.ClassPathResource;
import org.springframework.data.redis.connection.RedisStandaloneConfiguration;
import org.springframework.data.redis.connection.lettuce.LettuceClientConfiguration;
import org.springframework.data.redis.connection.lettuce.LettuceConnectionFactory;
import org.springframework.data.redis.core.ReactiveStringRedisTemplate;
import org.springframework.data.redis.core.script.DefaultRedisScript;
import org.springframework.data.redis.core.script.RedisScript;
import org.springframework.scripting.support.ResourceScriptSource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The limiter against a real Redis, a Redis that is not there, and a Redis that accepts connections but never
 * answers: it counts tokens in the first, and lets every call through quickly in the other two, saying each
 * time that the call went unchecked ({@code X-RateLimit-Remaining: -1}).
 */
class FailOpenRedisRateLimiterTests {

	private static final Duration TIMEOUT = Duration.ofMillis(200);

	private final List<AutoCloseable> resources = new CopyOnWriteArrayList<>();

	private final FailOpenReport report = new FailOpenReport(Duration.ofSeconds(30), new AtomicLong()::get);

	@AfterEach
	void close() throws Exception {
		for (int i = resources.size() - 1; i >= 0; i--) {
			resources.get(i).close();
		}
	}

	@Test
	void withRedisABurstPastTheBucketIsRefused() {
		RedisEndpoint redis = TestRedis.get();
		// A cold JVM's first script call can take longer than the timeout: count tokens, not time, here.
		FailOpenRedisRateLimiter limiter = limiter(redis.host(), redis.port(), Duration.ofSeconds(5));
		String key = "caller:admin:" + UUID.randomUUID();

		List<Boolean> allowed = new ArrayList<>();
		for (int i = 0; i < 5; i++) {
			allowed.add(decide(limiter, key).isAllowed());
		}

		assertThat(allowed.subList(0, 3)).containsOnly(true);
		assertThat(allowed.subList(3, 5)).as("at most one token comes back meanwhile").contains(false);
		assertThat(decide(limiter, "caller:admin:" + UUID.randomUUID()).isAllowed()).as("another key").isTrue();
		assertThat(report.total()).isZero();
	}

	@Test
	void withNothingListeningEveryCallIsLetThroughAtOnce() throws IOException {
		FailOpenRedisRateLimiter limiter = limiter("127.0.0.1", closedPort(), TIMEOUT);

		for (int i = 0; i < 5; i++) {
			long start = System.nanoTime();
			Response response = decide(limiter, "caller:admin:ops");
			assertThat(response.isAllowed()).isTrue();
			assertThat(response.getHeaders()).containsEntry("X-RateLimit-Remaining", "-1")
				.containsEntry("X-RateLimit-Burst-Capacity", "3");
			assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(1));
		}
		assertThat(report.total()).isEqualTo(5);
	}

	@Test
	void withARedisThatNeverAnswersEveryCallIsLetThroughWithinTheTimeout() throws IOException {
		ServerSocket silent = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
		resources.add(silent);
		Thread acceptor = new Thread(() -> {
			try {
				while (true) {
					resources.add(silent.accept());
				}
			}
			catch (IOException closed) {
				// the test is over
			}
		}, "silent-redis");
		acceptor.setDaemon(true);
		acceptor.start();
		FailOpenRedisRateLimiter limiter = limiter("127.0.0.1", silent.getLocalPort(), TIMEOUT);

		for (int i = 0; i < 3; i++) {
			long start = System.nanoTime();
			Response response = decide(limiter, "caller:admin:ops");
			assertThat(response.isAllowed()).isTrue();
			assertThat(response.getHeaders()).containsEntry("X-RateLimit-Remaining", "-1");
			assertThat(Duration.ofNanos(System.nanoTime() - start)).as("the 200 ms timeout, not the client's 2 s")
				.isLessThan(Duration.ofMillis(1500));
		}
		assertThat(report.total()).isEqualTo(3);
	}

	private Response decide(FailOpenRedisRateLimiter limiter, String key) {
		Response response = limiter.isAllowed("manager", key).block(Duration.ofSeconds(10));
		assertThat(response).isNotNull();
		return response;
	}

	/** A limiter on its own Redis client, set up as the gateway's (commands refused while disconnected). */
	private FailOpenRedisRateLimiter limiter(String host, int port, Duration timeout) {
		LettuceClientConfiguration client = LettuceClientConfiguration.builder()
			.commandTimeout(Duration.ofSeconds(2))
			.clientOptions(ClientOptions.builder()
				.socketOptions(SocketOptions.builder().connectTimeout(Duration.ofSeconds(2)).build())
				.disconnectedBehavior(ClientOptions.DisconnectedBehavior.REJECT_COMMANDS)
				.build())
			.build();
		LettuceConnectionFactory connections = new LettuceConnectionFactory(new RedisStandaloneConfiguration(host, port),
				client);
		connections.afterPropertiesSet();
		connections.start();
		resources.add(connections::destroy);
		DefaultRedisScript<List> script = new DefaultRedisScript<>();
		script.setScriptSource(new ResourceScriptSource(new ClassPathResource("META-INF/scripts/request_rate_limiter.lua")));
		script.setResultType(List.class);
		GenericApplicationContext context = new GenericApplicationContext();
		context.registerBean(ReactiveStringRedisTemplate.class, () -> new ReactiveStringRedisTemplate(connections));
		context.registerBean(RedisRateLimiter.REDIS_SCRIPT_NAME, RedisScript.class, () -> script);
		context.refresh();
		resources.add(context::close);
		FailOpenRedisRateLimiter limiter = new FailOpenRedisRateLimiter(new RateLimitProperties(true, 1, 3, 1, timeout), report);
		limiter.setApplicationContext(context);
		return limiter;
	}

	private static int closedPort() throws IOException {
		try (ServerSocket socket = new ServerSocket(0)) {
			return socket.getLocalPort();
		}
	}

}
