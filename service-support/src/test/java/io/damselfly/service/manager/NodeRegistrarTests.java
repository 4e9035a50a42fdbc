package io.damselfly.service.manager;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

import com.sun.net.httpserver.HttpServer;
import io.damselfly.common.node.NodeType;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import reactor.netty.http.client.HttpClient;

import org.springframework.boot.web.server.WebServer;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.boot.web.server.context.WebServerInitializedEvent;
import org.springframework.context.support.GenericApplicationContext;
import org.springframework.web.reactive.function.client.WebClient;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Whether a node registers is decided when its web server starts, not by a bean condition: nodes run
 * from bean definitions processed ahead of time, at build time, where a seed's mode is not yet known.
 */
class NodeRegistrarTests {

	private final AtomicInteger registrations = new AtomicInteger();

	private final HttpServer manager = manager();

	private NodeRegistrar registrar;

	@AfterEach
	void stop() {
		if (registrar != null) {
			registrar.stop();
		}
		manager.stop(0);
	}

	@Test
	void aNodeThatIsNotToRegisterNeverCallsTheManager() throws Exception {
		registrar = registrar(false);
		registrar.onApplicationEvent(started(8100));
		Thread.sleep(600);

		assertThat(registrations).hasValue(0);
		assertThat(registrar.nodeId()).isNull();
		assertThat(registrar.isRunning()).isFalse();
	}

	@Test
	void aNodeThatIsToRegisterDoesSoOnceItsPortIsKnown() throws Exception {
		registrar = registrar(true);
		assertThat(registrar.nodeId()).isNull();
		registrar.onApplicationEvent(started(8100));

		long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
		while (registrations.get() == 0 && System.nanoTime() < deadline) {
			Thread.sleep(20);
		}
		assertThat(registrations.get()).isPositive();
		assertThat(registrar.nodeId()).isEqualTo("seed-127.0.0.1-8100");
	}

	private NodeRegistrar registrar(boolean register) {
		URI url = URI.create("http://127.0.0.1:" + manager.getAddress().getPort());
		ManagerClient client = new ManagerClient(WebClient.builder(), HttpClient.create(),
				new ManagerProperties(url, List.of(), Duration.ofSeconds(5), NodeListPolicy.DEFAULT));
		return new NodeRegistrar(client, new NodeProperties(register, NodeType.SEED_PEER, "default", "127.0.0.1", 0,
				null, null, Duration.ofMinutes(1)), "http");
	}

	private static WebServerInitializedEvent started(int port) {
		WebServer server = new WebServer() {
			@Override
			public void start() {
			}

			@Override
			public void stop() {
			}

			@Override
			public int getPort() {
				return port;
			}
		};
		return new WebServerInitializedEvent(server) {
			@Override
			public WebServerApplicationContext getApplicationContext() {
				return new Context();
			}
		};
	}

	static class Context extends GenericApplicationContext implements WebServerApplicationContext {

		@Override
		public WebServer getWebServer() {
			return null;
		}

		@Override
		public String getServerNamespace() {
			return null;
		}

	}

	/** A manager that answers any registration with the node, as the real one does. */
	private HttpServer manager() {
		try {
			HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
			server.createContext("/api/v1/nodes", (exchange) -> {
				registrations.incrementAndGet();
				byte[] body = ("{\"id\":\"seed-127.0.0.1-8100\",\"type\":\"SEED_PEER\",\"clusterId\":\"default\","
						+ "\"ip\":\"127.0.0.1\",\"port\":8100,\"url\":\"http://127.0.0.1:8100\",\"state\":\"ACTIVE\"}")
					.getBytes(StandardCharsets.UTF_8);
				exchange.getResponseHeaders().add("Content-Type", "application/json");
				exchange.sendResponseHeaders(200, body.length);
				exchange.getResponseBody().write(body);
				exchange.close();
			});
			server.start();
			return server;
		}
		catch (IOException ex) {
			throw new java.io.UncheckedIOException(ex);
		}
	}

}
