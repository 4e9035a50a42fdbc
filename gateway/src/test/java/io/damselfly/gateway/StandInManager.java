package io.damselfly.gateway;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

import io.damselfly.common.node.Node;
import io.damselfly.common.node.NodeState;
import io.damselfly.common.node.NodeType;
import io.netty.handler.codec.http.HttpResponseStatus;
import reactor.core.publisher.Mono;
import reactor.netty.DisposableServer;
import reactor.netty.http.server.HttpServer;
import reactor.netty.http.server.HttpServerRequest;
import reactor.netty.http.server.HttpServerResponse;
import tools.jackson.databind.json.JsonMapper;

/**
 * A real HTTP server standing in for the manager: {@code GET /api/v1/nodes} serves a list the test
 * controls; every other call is echoed back (method, path, query, body) so a test can see what the
 * gateway forwarded. Cluster calls can be made to fail (500) or hang.
 */
final class StandInManager implements AutoCloseable {

	enum Mode {

		OK, FAIL, SLOW

	}

	private static final JsonMapper json = JsonMapper.builder().build();

	private final DisposableServer server;

	private final AtomicReference<List<Node>> schedulers = new AtomicReference<>(List.of());

	private final Queue<String> nodeQueries = new ConcurrentLinkedQueue<>();

	private final AtomicInteger clusterCalls = new AtomicInteger();

	private volatile Mode clusterMode = Mode.OK;

	StandInManager() {
		this.server = HttpServer.create().host("127.0.0.1").port(0).handle(this::handle).bindNow();
	}

	String url() {
		return "http://127.0.0.1:" + server.port();
	}

	void listSchedulers(Node... nodes) {
		schedulers.set(List.of(nodes));
	}

	void clusterMode(Mode mode) {
		clusterMode = mode;
	}

	int clusterCalls() {
		return clusterCalls.get();
	}

	Queue<String> nodeQueries() {
		return nodeQueries;
	}

	void reset() {
		schedulers.set(List.of());
		nodeQueries.clear();
		clusterCalls.set(0);
		clusterMode = Mode.OK;
	}

	@Override
	public void close() {
		server.disposeNow(Duration.ofSeconds(5));
	}

	static Node scheduler(String name, int port) {
		Instant now = Instant.now();
		return new Node("scheduler-" + name, NodeType.SCHEDULER, "default", "http://127.0.0.1:" + port, "127.0.0.1",
				port, null, null, NodeState.ACTIVE, null, now, now, now);
	}

	private Mono<Void> handle(HttpServerRequest request, HttpServerResponse response) {
		String path = request.fullPath();
		String query = request.uri().contains("?") ? request.uri().substring(request.uri().indexOf('?') + 1) : "";
		if (request.method().name().equals("GET") && path.equals("/api/v1/nodes")) {
			nodeQueries.add(query);
			return send(response, HttpResponseStatus.OK, json.writeValueAsString(schedulers.get()));
		}
		return request.receive().aggregate().asString().defaultIfEmpty("").flatMap((body) -> {
			String echo = json.writeValueAsString(Map.of("servedBy", "manager", "method", request.method().name(),
					"path", path, "query", query, "body", body));
			if (!path.startsWith("/api/v1/clusters/")) {
				return send(response, HttpResponseStatus.OK, echo);
			}
			clusterCalls.incrementAndGet();
			return switch (clusterMode) {
				case OK -> send(response, HttpResponseStatus.OK, echo);
				case FAIL -> send(response, HttpResponseStatus.INTERNAL_SERVER_ERROR, echo);
				case SLOW -> Mono.delay(Duration.ofSeconds(10)).then(send(response, HttpResponseStatus.OK, echo));
			};
		});
	}

	static Mono<Void> send(HttpServerResponse response, HttpResponseStatus status, String body) {
		return response.status(status).header("Content-Type", "application/json").sendString(Mono.just(body)).then();
	}

}
