package io.damselfly.peer.scheduler;

import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;

import io.damselfly.testsupport.time.MutableClock;
import io.damselfly.common.node.Node;
import io.damselfly.common.node.NodeState;
import io.damselfly.common.node.NodeType;
import io.damselfly.service.manager.ManagerClient;
import io.damselfly.service.manager.ManagerProperties;
import io.damselfly.service.manager.NodeDirectory;
import io.damselfly.service.manager.NodeListPolicy;
import io.netty.handler.codec.http.HttpResponseStatus;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Mono;
import reactor.netty.DisposableServer;
import reactor.netty.http.client.HttpClient;
import reactor.netty.http.server.HttpServer;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.web.reactive.function.client.WebClient;

import static org.assertj.core.api.Assertions.assertThat;

/** The peer's scheduler list under the shared staleness policy, against a manager stand-in over HTTP. */
class SchedulerDiscoveryTests {

	private static final String STATIC = "http://127.0.0.1:9999";

	private final AtomicReference<@Nullable List<Node>> listed = new AtomicReference<>();

	private final JsonMapper json = JsonMapper.builder().build();

	private final MutableClock clock = new MutableClock();

	private final DisposableServer manager = HttpServer.create().host("127.0.0.1").port(0)
		.route((routes) -> routes.get("/api/v1/nodes", (request, response) -> {
			List<Node> nodes = listed.get();
			if (nodes == null) {
				return response.status(HttpResponseStatus.SERVICE_UNAVAILABLE).send();
			}
			return response.header("Content-Type", "application/json")
				.sendString(Mono.just(json.writeValueAsString(nodes)));
		}))
		.bindNow();

	private final SchedulerDiscovery discovery = discovery();

	@AfterEach
	void stopManager() {
		manager.disposeNow();
	}

	@Test
	void theStaticListServesUntilTheManagerListsSchedulers() {
		assertThat(discovery.schedulers()).containsExactly(STATIC);

		listed.set(List.of(scheduler("scheduler-a", 8082)));
		refresh();

		assertThat(discovery.schedulers()).containsExactly("http://127.0.0.1:8082");
	}

	@Test
	void anEmptyAnswerOrAnOutageKeepsTheLastListUntilItExpiresThenTheStaticListServes() {
		listed.set(List.of(scheduler("scheduler-a", 8082)));
		refresh();

		listed.set(List.of());
		refresh();
		assertThat(discovery.schedulers()).containsExactly("http://127.0.0.1:8082");

		listed.set(null);
		clock.advance(Duration.ofSeconds(30));
		refresh();
		assertThat(discovery.schedulers()).as("stale, still used").containsExactly("http://127.0.0.1:8082");

		clock.advance(Duration.ofSeconds(31));
		refresh();
		assertThat(discovery.schedulers()).as("expired, dropped").containsExactly(STATIC);

		listed.set(List.of(scheduler("scheduler-b", 8083)));
		refresh();
		assertThat(discovery.schedulers()).containsExactly("http://127.0.0.1:8083");
	}

	private void refresh() {
		discovery.refresh().block(Duration.ofSeconds(10));
	}

	private SchedulerDiscovery discovery() {
		ManagerProperties properties = new ManagerProperties(URI.create("http://127.0.0.1:" + manager.port()), List.of(),
				Duration.ofSeconds(20), new NodeListPolicy(Duration.ofSeconds(10), Duration.ofSeconds(60)));
		NodeDirectory directory = new NodeDirectory("schedulers", properties.url(), properties.nodeList(), clock);
		return new SchedulerDiscovery(new ManagerClient(WebClient.builder(), HttpClient.create(), properties), "default",
				List.of(URI.create(STATIC + "/")), directory);
	}

	private Node scheduler(String id, int port) {
		Instant now = clock.instant();
		return new Node(id, NodeType.SCHEDULER, "default", "http://127.0.0.1:" + port, "127.0.0.1", port, null, null,
				NodeState.ACTIVE, null, now, now, now);
	}

}
