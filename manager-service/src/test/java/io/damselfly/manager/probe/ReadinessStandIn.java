package io.damselfly.manager.probe;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;

import io.damselfly.common.node.NodeRegistration;
import io.damselfly.common.node.NodeType;
import reactor.core.publisher.Mono;
import reactor.netty.DisposableServer;
import reactor.netty.http.server.HttpServer;

import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;

/**
 * A real HTTP server on a free loopback port standing in for a seed peer's readiness endpoint, switched
 * between healthy, disk full (a 503 with the body the peer's {@code diskSpace} indicator gives), slow to
 * answer and hung; {@link #close()} kills it, so probes meet a refused connection.
 */
final class ReadinessStandIn implements AutoCloseable {

	static final String UP = """
			{"status":"UP","components":{"diskSpace":{"status":"UP","details":{"usedPercent":40.0,"thresholdPercent":85}},\
			"readinessState":{"status":"UP"}}}""";

	static final String DISK_FULL = """
			{"status":"DOWN","components":{"diskSpace":{"status":"DOWN","details":{"usedPercent":91.0,\
			"thresholdPercent":85,"reason":"used 91% > 85%"}},"readinessState":{"status":"UP"}}}""";

	private volatile boolean healthy = true;

	private volatile Duration delay = Duration.ZERO;

	private final AtomicInteger requests = new AtomicInteger();

	private final DisposableServer server;

	private ReadinessStandIn() {
		this.server = HttpServer.create().host("127.0.0.1").port(0)
			.route((routes) -> routes.get("/actuator/health/readiness", (request, response) -> {
				requests.incrementAndGet();
				boolean up = healthy;
				Mono<Void> answer = response.status(up ? 200 : 503)
					.header(HttpHeaders.CONTENT_TYPE, MediaType.APPLICATION_JSON_VALUE)
					.sendString(Mono.just(up ? UP : DISK_FULL))
					.then();
				Duration wait = delay;
				return wait.isZero() ? answer : Mono.delay(wait).then(answer);
			}))
			.bindNow();
	}

	static ReadinessStandIn start() {
		return new ReadinessStandIn();
	}

	int port() {
		return server.port();
	}

	NodeRegistration registration(String cluster) {
		return new NodeRegistration(NodeType.SEED_PEER, cluster, "127.0.0.1", port(), null, null);
	}

	/** How many probes reached it. */
	int requests() {
		return requests.get();
	}

	void diskFull() {
		healthy = false;
	}

	void recover() {
		healthy = true;
		delay = Duration.ZERO;
	}

	void answerAfter(Duration wait) {
		delay = wait;
	}

	/** Hung: holds every probe's connection without answering (the prober gives up on it). */
	void hang() {
		delay = Duration.ofMinutes(10);
	}

	@Override
	public void close() {
		server.disposeNow(Duration.ofSeconds(5));
	}

}
