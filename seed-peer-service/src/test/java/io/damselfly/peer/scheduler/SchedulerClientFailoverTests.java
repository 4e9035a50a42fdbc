package io.damselfly.peer.scheduler;

import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.nio.charset.StandardCharsets;
import java.util.List;

import io.damselfly.common.digest.Digests;
import io.damselfly.common.hash.Rendezvous;
import io.damselfly.common.peer.PeerRegistration;
import io.damselfly.common.schedule.DecisionType;
import io.damselfly.common.schedule.ScheduleDecision;
import io.damselfly.peer.support.StandInScheduler;
import io.damselfly.service.manager.ManagerClient;
import io.damselfly.service.manager.ManagerProperties;
import io.damselfly.service.manager.NodeDirectory;
import io.damselfly.redis.LocalRedisServer;
import io.github.resilience4j.circuitbreaker.CircuitBreakerRegistry;
import io.netty.handler.codec.http.HttpResponseStatus;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Mono;
import reactor.netty.DisposableServer;
import reactor.netty.http.client.HttpClient;
import reactor.netty.http.server.HttpServer;
import reactor.test.StepVerifier;

import org.springframework.web.reactive.function.client.WebClient;

import static org.assertj.core.api.Assertions.assertThat;

class SchedulerClientFailoverTests {

	@Test
	void aDeadSchedulerFirstInOrderIsFailedOverAndCountedByItsBreaker() {
		try (StandInScheduler live = new StandInScheduler()) {
			String dead = "http://127.0.0.1:" + LocalRedisServer.freePort();
			String task = taskRankingFirst(dead, live.url());
			ManagerProperties managerAt = ManagerProperties.at(
					URI.create("http://127.0.0.1:" + LocalRedisServer.freePort()), Duration.ofMillis(200));
			ManagerClient manager = new ManagerClient(WebClient.builder(), HttpClient.create(), managerAt);
			SchedulerDiscovery discovery = new SchedulerDiscovery(manager, "default",
					List.of(URI.create(dead), URI.create(live.url())),
					new NodeDirectory("schedulers", managerAt.url(), managerAt.nodeList(), Clock.systemUTC()));
			CircuitBreakerRegistry breakers = CircuitBreakerRegistry.ofDefaults();
			breakers.addConfiguration(SchedulerClient.BREAKER_CONFIG, breakers.getDefaultConfig());
			SchedulerClient client = new SchedulerClient(WebClient.create(), discovery, breakers, Duration.ofSeconds(2));
			PeerRegistration registration = new PeerRegistration("peer-x-1", "host-x", "http://example.com/f", null,
					null, null, task, null);
			StepVerifier.create(client.register(registration))
				.assertNext((ScheduleDecision d) -> assertThat(d.type()).isEqualTo(DecisionType.BACK_TO_SOURCE))
				.expectComplete()
				.verify(Duration.ofSeconds(10));
			assertThat(breakers.circuitBreaker("scheduler:" + dead).getMetrics().getNumberOfFailedCalls()).isEqualTo(1);
			assertThat(breakers.circuitBreaker("scheduler:" + live.url()).getMetrics().getNumberOfSuccessfulCalls())
				.isEqualTo(1);
		}
	}

	@Test
	void schedulersAnswering503AreToldApartFromSchedulersThatAreGone() {
		DisposableServer failingOver = HttpServer.create().host("127.0.0.1").port(0)
			.route((routes) -> routes.post("/api/v1/peers", (request, response) -> response
				.status(HttpResponseStatus.SERVICE_UNAVAILABLE).sendString(Mono.just("{\"title\":\"Redis unavailable\"}"))))
			.bindNow();
		try {
			String dead = "http://127.0.0.1:" + LocalRedisServer.freePort();
			String answering = "http://127.0.0.1:" + failingOver.port();

			StepVerifier.create(client(List.of(dead)).register(registration()))
				.expectErrorSatisfies((ex) -> assertThat(ex).isInstanceOfSatisfying(SchedulerUnavailableException.class,
						(unavailable) -> assertThat(unavailable.schedulersAnswering()).as("gone").isFalse()))
				.verify(Duration.ofSeconds(10));
			StepVerifier.create(client(List.of(dead, answering)).register(registration()))
				.expectErrorSatisfies((ex) -> assertThat(ex).isInstanceOfSatisfying(SchedulerUnavailableException.class,
						(unavailable) -> {
							assertThat(unavailable.schedulersAnswering()).as("up, state store down").isTrue();
							assertThat(unavailable.getMessage()).contains("state store is down");
						}))
				.verify(Duration.ofSeconds(10));
		}
		finally {
			failingOver.disposeNow();
		}
	}

	private static SchedulerClient client(List<String> schedulers) {
		ManagerProperties managerAt = ManagerProperties.at(URI.create("http://127.0.0.1:" + LocalRedisServer.freePort()),
				Duration.ofMillis(200));
		ManagerClient manager = new ManagerClient(WebClient.builder(), HttpClient.create(), managerAt);
		SchedulerDiscovery discovery = new SchedulerDiscovery(manager, "default",
				schedulers.stream().map(URI::create).toList(),
				new NodeDirectory("schedulers", managerAt.url(), managerAt.nodeList(), Clock.systemUTC()));
		CircuitBreakerRegistry breakers = CircuitBreakerRegistry.ofDefaults();
		breakers.addConfiguration(SchedulerClient.BREAKER_CONFIG, breakers.getDefaultConfig());
		return new SchedulerClient(WebClient.create(), discovery, breakers, Duration.ofSeconds(2));
	}

	private static PeerRegistration registration() {
		return new PeerRegistration("peer-x-2", "host-x", "http://example.com/f", null, null, null, "b".repeat(64), null);
	}

	/**
	 * A task id for which rendezvous hashing ranks {@code dead} before {@code live}. Searching over task
	 * ids, not ports: each id is a fair coin toss, whereas a live URL with a very high weight for one fixed
	 * id beats almost every port, which made this test fail now and then.
	 */
	private static String taskRankingFirst(String dead, String live) {
		for (int i = 0; i < 1000; i++) {
			String task = Digests.sha256Hex(("task-" + i).getBytes(StandardCharsets.UTF_8));
			if (Rendezvous.rank(task, List.of(dead, live)).get(0).equals(dead)) {
				return task;
			}
		}
		throw new AssertionError("no task id of 1000 ranks " + dead + " before " + live);
	}

}
