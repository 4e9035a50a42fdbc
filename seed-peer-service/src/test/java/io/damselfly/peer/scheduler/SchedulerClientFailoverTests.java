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
import org.junit.jupiter.api.Test;
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
			ManagerClient manager = new ManagerClient(WebClient.builder(), managerAt);
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
