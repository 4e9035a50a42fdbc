package io.damselfly.gateway;

import java.net.InetSocketAddress;

import io.damselfly.common.error.ProblemTypes;
import io.damselfly.testsupport.redis.TestRedis;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import reactor.netty.http.client.HttpClient;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.client.reactive.ReactorClientHttpConnector;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.reactive.server.EntityExchangeResult;
import org.springframework.test.web.reactive.server.WebTestClient;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * With security off (a trusted bench), calls carry no identity and are limited by the address their
 * connection comes from, over real connections from two loopback addresses: a client that spends its
 * bucket cannot get a fresh one by writing {@code X-Forwarded-For} or {@code Forwarded}, and a client at
 * another address is still served.
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT)
class RateLimitByAddressTests {

	private static final String CONFIG = "/api/v1/clusters/default/config";

	static final StandInManager manager = new StandInManager();

	@DynamicPropertySource
	static void properties(DynamicPropertyRegistry registry) {
		TestRedis.register(registry);
		registry.add("damselfly.manager.url", manager::url);
		registry.add("damselfly.security.enabled", () -> "false");
		registry.add("damselfly.gateway.rate-limit.replenish-rate", () -> "1");
		registry.add("damselfly.gateway.rate-limit.burst-capacity", () -> "3");
		registry.add("damselfly.gateway.rate-limit.timeout", () -> "5s");
	}

	@LocalServerPort
	int port;

	@AfterAll
	static void stopManager() {
		manager.close();
	}

	@Test
	void anAnonymousCallerIsLimitedByItsAddressWhateverItsForwardedHeadersSay() {
		// Other tests in this JVM may have spent 127.0.0.1's bucket already: this one spends 127.0.0.3's.
		WebTestClient spender = from("127.0.0.3");
		WebTestClient other = from("127.0.0.4");
		int served = 0;
		EntityExchangeResult<String> refused = null;
		for (int i = 0; i < 10 && refused == null; i++) {
			EntityExchangeResult<String> result = spender.get().uri(CONFIG)
				.header("X-Forwarded-For", "203.0.113." + i)
				.header("Forwarded", "for=198.51.100." + i)
				.exchange().expectBody(String.class).returnResult();
			if (result.getStatus() == HttpStatus.OK) {
				served++;
			}
			else {
				refused = result;
			}
		}
		// 3 from the bucket, and at most 2 paid back by the whole seconds the bucket script counts.
		assertThat(served).as("a new forwarded address per call bought no new bucket").isBetween(3, 5);
		assertThat(refused).isNotNull();
		assertThat(refused.getStatus()).isEqualTo(HttpStatus.TOO_MANY_REQUESTS);
		assertThat(refused.getResponseHeaders().getContentType()).isEqualTo(MediaType.APPLICATION_PROBLEM_JSON);
		JsonNode problem = JsonMapper.builder().build().readTree(refused.getResponseBody());
		assertThat(problem.path("type").asString()).isEqualTo(ProblemTypes.TOO_MANY_REQUESTS.toString());
		assertThat(problem.path("detail").asString()).startsWith("address 127.0.0.3 sent more calls to the manager route");
		other.get().uri(CONFIG).exchange().expectStatus().isOk()
			.expectHeader().valueEquals("X-RateLimit-Remaining", "2");
	}

	/** A client whose connections come from this loopback address. */
	private WebTestClient from(String address) {
		HttpClient client = HttpClient.create().bindAddress(() -> new InetSocketAddress(address, 0));
		return WebTestClient.bindToServer(new ReactorClientHttpConnector(client))
			.baseUrl("http://127.0.0.1:" + port).build();
	}

}
