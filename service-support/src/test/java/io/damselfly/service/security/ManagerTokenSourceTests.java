package io.damselfly.service.security;

import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicReference;

import com.sun.net.httpserver.HttpServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import reactor.netty.http.client.HttpClient;

import org.springframework.web.reactive.function.client.WebClient;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A node asks for its token under its own id, so a manager's tokens (and the gateway's rate limit,
 * which keys on the subject) tell one peer from another; a node whose id is not known yet asks without.
 */
class ManagerTokenSourceTests {

	private final List<String> bodies = new CopyOnWriteArrayList<>();

	private HttpServer manager;

	@BeforeEach
	void start() throws Exception {
		manager = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
		manager.createContext("/api/v1/auth/token", (exchange) -> {
			bodies.add(new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8));
			byte[] grant = ("{\"token\":\"t" + bodies.size() + "\",\"role\":\"peer\",\"expiresAt\":\""
					+ Instant.now().plus(Duration.ofMinutes(15)) + "\"}").getBytes(StandardCharsets.UTF_8);
			exchange.getResponseHeaders().add("Content-Type", "application/json");
			exchange.sendResponseHeaders(200, grant.length);
			exchange.getResponseBody().write(grant);
			exchange.close();
		});
		manager.start();
	}

	@AfterEach
	void stop() {
		manager.stop(0);
	}

	@Test
	void theTokenRequestNamesTheNode() {
		AtomicReference<String> id = new AtomicReference<>();
		ManagerTokenSource tokens = source(id::get);
		assertThat(tokens.token().block(Duration.ofSeconds(30))).isEqualTo("t1");
		assertThat(bodies.get(0)).contains("\"role\":\"peer\"").doesNotContain("\"subject\":\"");

		id.set("peer-7");
		tokens.invalidate();
		assertThat(tokens.token().block(Duration.ofSeconds(30))).isEqualTo("t2");
		assertThat(bodies.get(1)).contains("\"subject\":\"peer-7\"");
	}

	@Test
	void aTokenAskedBeforeTheIdWasKnownIsRenewedOnceItIsAndKeptWhileItHolds() {
		AtomicReference<String> id = new AtomicReference<>();
		ManagerTokenSource tokens = source(id::get);
		assertThat(tokens.token().block(Duration.ofSeconds(30))).isEqualTo("t1");
		assertThat(tokens.token().block(Duration.ofSeconds(30))).as("still valid, same subject").isEqualTo("t1");

		// The web server bound its port: the host id is known, and a scheduler would refuse a token without it.
		id.set("peer-host-8100");
		assertThat(tokens.token().block(Duration.ofSeconds(30))).isEqualTo("t2");
		assertThat(bodies.get(1)).contains("\"subject\":\"peer-host-8100\"");
		assertThat(tokens.token().block(Duration.ofSeconds(30))).isEqualTo("t2");
		assertThat(bodies).hasSize(2);
	}

	private ManagerTokenSource source(TokenSubject subject) {
		SecurityProperties properties = new SecurityProperties(true, "peer", "s3cret", null, null, null, null,
				Duration.ofMinutes(1));
		return new ManagerTokenSource(WebClient.builder(), HttpClient.create(),
				List.of("http://127.0.0.1:" + manager.getAddress().getPort() + "/api/v1/auth/token"), properties,
				Duration.ofSeconds(10), Clock.systemUTC(), subject);
	}

}
