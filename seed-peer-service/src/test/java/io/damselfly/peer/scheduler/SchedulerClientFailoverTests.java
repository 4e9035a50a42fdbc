package io.damselfly.peer.scheduler;

import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import io.damselfly.common.peer.PeerRegistration;
import io.damselfly.common.schedule.DecisionType;
import io.damselfly.common.schedule.ScheduleDecision;
import io.damselfly.peer.support.StandInScheduler;
import io.damselfly.service.manager.ManagerClient;
import io.damselfly.service.manager.ManagerProperties;
import io.damselfly.testsupport.redis.LocalRedisServer;
import io.github.resilience4j.circuitbreaker.CircuitBreakerRegistry;
import org.junit.jupiter.api.Test;
import reactor.test.StepVerifier;

import org.springframework.web.reactive.function.client.WebClient;

import static org.assertj.core.api.Assertions.assertThat;

class SchedulerClientFailoverTests {

	static final String TASK = "c".repeat(64);

	@Test
	void aDeadSchedulerFirstInOrderIsFailedOverAndCountedByItsBreaker() {
		try (StandInScheduler live = new StandInScheduler()) {
			String dead = deadUrlRankedBefore(live.url());
			ManagerClient manager = new ManagerClient(new ManagerProperties(
					URI.create("http://127.0.0.1:" + LocalRedisServer.freePort()), Duration.ofMillis(200)));
			SchedulerDiscovery discovery = new SchedulerDiscovery(manager, "default",
					List.of(URI.create(dead), URI.create(live.url())), Duration.ofSeconds(2));
			CircuitBreakerRegistry breakers = CircuitBreakerRegistry.ofDefaults();
			breakers.addConfiguration(SchedulerClient.BREAKER_CONFIG, breakers.getDefaultConfig());
			SchedulerClient client = new SchedulerClient(WebClient.create(), discovery, breakers, Duration.ofSeconds(2));
			PeerRegistration registration = new PeerRegistration("peer-x-1", "host-x", "http://example.com/f", null,
					null, null, TASK, null);
			StepVerifier.create(client.register(registration))
				.assertNext((ScheduleDecision d) -> assertThat(d.type()).isEqualTo(DecisionType.BACK_TO_SOURCE))
				.expectComplete()
				.verify(Duration.ofSeconds(10));
			assertThat(breakers.circuitBreaker("scheduler:" + dead).getMetrics().getNumberOfFailedCalls()).isEqualTo(1);
			assertThat(breakers.circuitBreaker("scheduler:" + live.url()).getMetrics().getNumberOfSuccessfulCalls())
				.isEqualTo(1);
		}
	}

	/** A URL nobody listens on that rendezvous hashing ranks before {@code live} for the task. */
	private static String deadUrlRankedBefore(String live) {
		List<String> tried = new ArrayList<>();
		while (true) {
			String dead = "http://127.0.0.1:" + LocalRedisServer.freePort();
			tried.add(dead);
			if (RendezvousOrder.order(TASK, List.of(dead, live)).get(0).equals(dead)) {
				return dead;
			}
			assertThat(tried).hasSizeLessThan(100);
		}
	}

}
