package io.damselfly.service.manager;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

import com.sun.net.httpserver.HttpServer;
import org.junit.jupiter.api.Test;
import reactor.netty.http.client.HttpClient;
import reactor.test.StepVerifier;

import org.springframework.web.reactive.function.client.WebClient;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * With several managers, a call that cannot reach one goes to the next, sticks to the one that answered,
 * and a 4xx answer is never retried on another manager.
 */
class ManagerClientFailoverTests {

	@Test
	void callsMoveToALiveManagerAndStayThere() throws Exception {
		AtomicInteger calls = new AtomicInteger();
		HttpServer live = server(200, "[]", calls);
		try {
			URI dead = URI.create("http://127.0.0.1:" + freePort());
			URI alive = URI.create("http://127.0.0.1:" + live.getAddress().getPort());
			ManagerClient client = new ManagerClient(WebClient.builder(), HttpClient.create(),
					new ManagerProperties(dead, List.of(dead, alive), Duration.ofSeconds(30), NodeListPolicy.DEFAULT));
			StepVerifier.create(client.nodes(null, null, null)).assertNext((nodes) -> assertThat(nodes).isEmpty())
				.expectComplete().verify(Duration.ofSeconds(90));
			assertThat(client.currentUrl()).isEqualTo(alive);
			StepVerifier.create(client.nodes(null, null, null)).expectNextCount(1).expectComplete()
				.verify(Duration.ofSeconds(90));
			assertThat(calls).hasValue(2);
		}
		finally {
			live.stop(0);
		}
	}

	@Test
	void aClientErrorIsAnAnswerNotAnOutage() throws Exception {
		AtomicInteger first = new AtomicInteger();
		AtomicInteger second = new AtomicInteger();
		HttpServer refusing = server(400, "{}", first);
		HttpServer other = server(200, "[]", second);
		try {
			ManagerClient client = new ManagerClient(WebClient.builder(), HttpClient.create(),
					new ManagerProperties(URI.create("http://unused"),
							List.of(URI.create("http://127.0.0.1:" + refusing.getAddress().getPort()),
									URI.create("http://127.0.0.1:" + other.getAddress().getPort())),
							Duration.ofSeconds(30), NodeListPolicy.DEFAULT));
			StepVerifier.create(client.nodes(null, null, null)).expectError().verify(Duration.ofSeconds(90));
			assertThat(first).hasValue(1);
			assertThat(second).hasValue(0);
		}
		finally {
			refusing.stop(0);
			other.stop(0);
		}
	}

	@Test
	void theSingleUrlStillWorksAlone() {
		ManagerProperties properties = new ManagerProperties(URI.create("http://m:8081"), List.of(), Duration.ofSeconds(2),
				NodeListPolicy.DEFAULT);
		assertThat(properties.endpoints()).containsExactly(URI.create("http://m:8081"));
	}

	private static HttpServer server(int status, String body, AtomicInteger calls) throws IOException {
		HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
		server.createContext("/", (exchange) -> {
			calls.incrementAndGet();
			byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
			exchange.getResponseHeaders().add("Content-Type", "application/json");
			exchange.sendResponseHeaders(status, bytes.length);
			exchange.getResponseBody().write(bytes);
			exchange.close();
		});
		server.start();
		return server;
	}

	private static int freePort() throws IOException {
		try (ServerSocket socket = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
			return socket.getLocalPort();
		}
	}

}
