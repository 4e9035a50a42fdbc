package io.damselfly.gateway;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

import io.damselfly.common.node.Node;
import io.netty.handler.codec.http.HttpResponseStatus;
import reactor.core.publisher.Mono;
import reactor.netty.DisposableServer;
import reactor.netty.http.server.HttpServer;
import reactor.netty.http.server.HttpServerRequest;
import reactor.netty.http.server.HttpServerResponse;
import tools.jackson.databind.json.JsonMapper;

/**
 * A real HTTP server standing in for one scheduler: it answers every call with its own name (and the
 * method, path and body it got), or with a 503 when told to fail, and counts the calls it received.
 */
final class StandInScheduler implements AutoCloseable {

	private static final JsonMapper json = JsonMapper.builder().build();

	private final String name;

	private final DisposableServer server;

	private final AtomicInteger calls = new AtomicInteger();

	private volatile boolean failing;

	StandInScheduler(String name) {
		this.name = name;
		this.server = HttpServer.create().host("127.0.0.1").port(0).handle(this::handle).bindNow();
	}

	Node node() {
		return StandInManager.scheduler(name, server.port());
	}

	String id() {
		return node().id();
	}

	int calls() {
		return calls.get();
	}

	void failing(boolean failing) {
		this.failing = failing;
	}

	void reset() {
		calls.set(0);
		failing = false;
	}

	@Override
	public void close() {
		server.disposeNow(Duration.ofSeconds(5));
	}

	private Mono<Void> handle(HttpServerRequest request, HttpServerResponse response) {
		return request.receive().aggregate().asString().defaultIfEmpty("").flatMap((body) -> {
			calls.incrementAndGet();
			HttpResponseStatus status = failing ? HttpResponseStatus.SERVICE_UNAVAILABLE : HttpResponseStatus.OK;
			String echo = json.writeValueAsString(Map.of("servedBy", name, "method", request.method().name(), "path",
					request.fullPath(), "body", body));
			return StandInManager.send(response.header("X-Served-By", name), status, echo);
		});
	}

}
