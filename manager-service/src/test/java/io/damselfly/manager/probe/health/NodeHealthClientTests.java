package io.damselfly.manager.probe.health;

import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;

import io.damselfly.manager.probe.ProbeProperties;
import io.damselfly.service.lifecycle.BackgroundWork;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Mono;
import reactor.netty.Connection;
import reactor.netty.DisposableServer;
import reactor.netty.http.client.HttpClient;
import reactor.netty.http.server.HttpServer;
import reactor.netty.tcp.TcpServer;
import reactor.test.StepVerifier;

import org.springframework.web.reactive.function.client.WebClient;

import static org.assertj.core.api.Assertions.assertThat;

/** Probes of real HTTP and TCP servers on loopback. */
class NodeHealthClientTests {

	private static final Duration TIMEOUT = Duration.ofMillis(300);

	private final SimpleMeterRegistry meters = new SimpleMeterRegistry();

	private final NodeHealthClient client = new NodeHealthClient(WebClient.builder(), HttpClient.create(),
			new ProbeProperties(true, Duration.ofSeconds(1), TIMEOUT, "/actuator/health/readiness", 4, 3, 2, 50,
					Duration.ofSeconds(5), 2), meters, new BackgroundWork());

	@Test
	void readyNodeCompletesEmpty() {
		try (Server server = http(200, "{\"status\":\"UP\"}", Duration.ZERO)) {
			StepVerifier.create(client.probe(server.url())).expectComplete().verify(Duration.ofSeconds(10));
		}
		assertThat(meters.get("damselfly.manager.probe").tag("outcome", "up").timer().count()).isEqualTo(1);
	}

	@Test
	void downNodeFailsWithTheReasonFromItsHealthDetails() {
		try (Server server = http(503, """
				{"status":"DOWN","components":{"diskSpace":{"status":"DOWN","details":{"reason":"used 91% > 85%"}}}}""",
				Duration.ZERO)) {
			expectFailure(server.url(), "diskSpace: used 91% > 85%");
		}
		assertThat(meters.get("damselfly.manager.probe").tag("outcome", "down").timer().count()).isEqualTo(1);
	}

	@Test
	void nodeAnsweringAfterTheTimeoutFailsAsTimedOutAndItsLateAnswerIsKept() throws Exception {
		try (Server server = http(200, "{\"status\":\"UP\"}", TIMEOUT.multipliedBy(3))) {
			ProbeFailedException timeout = expectFailure(server.url(), "probe timed out after 300ms");
			assertThat(timeout.timedOut()).isTrue();
			assertThat(timeout.lateAnswer().toCompletableFuture().get(10, TimeUnit.SECONDS))
				.as("answered ready 600ms after the timeout, within the interval after it: busy, not hung").isTrue();
		}
		assertThat(meters.get("damselfly.manager.probe").tag("outcome", "timeout").timer().count()).isEqualTo(1);
	}

	@Test
	void aNodeThatNeverAnswersHasNoLateAnswerAndItsConnectionIsClosedAnIntervalAfterTheTimeout() throws Exception {
		try (Server server = http(200, "{\"status\":\"UP\"}", Duration.ofSeconds(30))) {
			ProbeFailedException timeout = expectFailure(server.url(), "probe timed out after 300ms");
			long start = System.nanoTime();
			assertThat(timeout.lateAnswer().toCompletableFuture().get(10, TimeUnit.SECONDS)).isFalse();
			assertThat(Duration.ofNanos(System.nanoTime() - start)).as("given up with the connection, not held for 30 s")
				.isLessThan(Duration.ofSeconds(5));
		}
	}

	@Test
	void aLateAnswerThatIsNotReadyIsNoAnswerForTheNextTimeout() throws Exception {
		try (Server server = http(503, "{\"status\":\"DOWN\"}", TIMEOUT.multipliedBy(2))) {
			ProbeFailedException timeout = expectFailure(server.url(), "probe timed out after 300ms");
			assertThat(timeout.lateAnswer().toCompletableFuture().get(10, TimeUnit.SECONDS)).isFalse();
		}
	}

	@Test
	void nodeWhosePortIsClosedFailsAsConnectionRefused() {
		String url;
		try (Server server = http(200, "{\"status\":\"UP\"}", Duration.ZERO)) {
			url = server.url();
		}
		expectFailure(url, "probe failed: connection refused");
	}

	@Test
	void somethingThatIsNotHttpFailsTheProbeInsteadOfTheRound() {
		// The server answers garbage and hangs up; a generous timeout so a loaded machine cannot turn the
		// protocol error into a timeout before it is read.
		DisposableServer tcp = TcpServer.create().host("127.0.0.1").port(0)
			.handle((in, out) -> out.sendString(Mono.just("-ERR not http\r\n")).then()
				.then(Mono.fromRunnable(() -> in.withConnection(Connection::dispose))))
			.bindNow();
		NodeHealthClient patient = new NodeHealthClient(WebClient.builder(), HttpClient.create(),
				new ProbeProperties(true, Duration.ofSeconds(10), Duration.ofSeconds(5), "/actuator/health/readiness", 4,
						3, 2, 50, Duration.ofSeconds(5), 2), meters, new BackgroundWork());
		try {
			StepVerifier.create(patient.probe("http://127.0.0.1:" + tcp.port()))
				.expectErrorSatisfies((ex) -> assertThat(ex).isInstanceOf(ProbeFailedException.class)
					.extracting((e) -> ((ProbeFailedException) e).reason()).asString().startsWith("probe failed"))
				.verify(Duration.ofSeconds(10));
		}
		finally {
			tcp.disposeNow();
		}
	}

	private ProbeFailedException expectFailure(String url, String reason) {
		AtomicReference<Throwable> failure = new AtomicReference<>();
		StepVerifier.create(client.probe(url))
			.expectErrorSatisfies((ex) -> {
				failure.set(ex);
				assertThat(ex).isInstanceOf(ProbeFailedException.class).hasMessage(reason);
			})
			.verify(Duration.ofSeconds(10));
		return (ProbeFailedException) failure.get();
	}

	private static Server http(int status, String body, Duration delay) {
		DisposableServer server = HttpServer.create().host("127.0.0.1").port(0)
			.route((routes) -> routes.get("/actuator/health/readiness", (request, response) -> Mono.delay(delay)
				.then(response.status(status).header("Content-Type", "application/json").sendString(Mono.just(body))
					.then())))
			.bindNow();
		return new Server(server);
	}

	private record Server(DisposableServer server) implements AutoCloseable {

		String url() {
			return "http://127.0.0.1:" + server.port();
		}

		@Override
		public void close() {
			server.disposeNow(Duration.ofSeconds(5));
		}

	}

}
