package io.damselfly.gateway.discovery;

import java.net.ConnectException;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

import io.damselfly.testsupport.time.MutableClock;
import io.damselfly.common.node.Node;
import io.damselfly.common.node.NodeState;
import io.damselfly.common.node.NodeType;
import io.damselfly.service.manager.NodeListPolicy;
import io.damselfly.service.manager.NodeListPolicy.Freshness;
import org.junit.jupiter.api.Test;

import org.springframework.cloud.client.ServiceInstance;

import static org.assertj.core.api.Assertions.assertThat;

class SchedulerDirectoryTest {

	private final MutableClock clock = new MutableClock();

	private final SchedulerDirectory directory = new SchedulerDirectory("default",
			URI.create("http://127.0.0.1:8081"), new NodeListPolicy(Duration.ofSeconds(10), Duration.ofSeconds(30)),
			clock);

	@Test
	void viewHoldsOnlyActiveSchedulersOfTheClusterSortedById() {
		directory.update(List.of(node("scheduler-b", NodeType.SCHEDULER, "default", NodeState.ACTIVE, 8083),
				node("scheduler-a", NodeType.SCHEDULER, "default", NodeState.ACTIVE, 8082),
				node("scheduler-c", NodeType.SCHEDULER, "default", NodeState.EJECTED, 8084),
				node("seed-x", NodeType.SEED_PEER, "default", NodeState.ACTIVE, 8090),
				node("scheduler-other", NodeType.SCHEDULER, "other", NodeState.ACTIVE, 8085)));

		SchedulerView view = directory.view();

		assertThat(view.available()).isTrue();
		assertThat(view.unavailableReason()).isNull();
		assertThat(view.instances()).extracting(ServiceInstance::getInstanceId)
			.containsExactly("scheduler-a", "scheduler-b");
		ServiceInstance first = view.instances().get(0);
		assertThat(first.getServiceId()).isEqualTo(SchedulerDirectory.SERVICE_ID);
		assertThat(first.getUri()).hasToString("http://127.0.0.1:8082");
	}

	@Test
	void emptyListingSaysTheManagerListsNone() {
		directory.update(List.of());

		assertThat(directory.view().available()).isFalse();
		assertThat(directory.view().unavailableReason())
			.isEqualTo("no active scheduler: the manager lists none for cluster default");
	}

	@Test
	void beforeAnyListingSaysNothingWasListedYet() {
		assertThat(directory.view().unavailableReason()).isEqualTo(
				"no active scheduler: the schedulers of cluster default have not been listed by the manager yet");
	}

	@Test
	void failedRefreshKeepsServingTheLastListWhileStaleThenFailsClosedOnceExpired() {
		directory.update(List.of(node("scheduler-a", NodeType.SCHEDULER, "default", NodeState.ACTIVE, 8082)));
		clock.advance(Duration.ofSeconds(4));
		directory.refreshFailed(new ConnectException("Connection refused"));

		clock.advance(Duration.ofSeconds(6));
		assertThat(directory.freshness()).isEqualTo(Freshness.FRESH);
		clock.advance(Duration.ofMillis(1));
		assertThat(directory.freshness()).isEqualTo(Freshness.STALE);
		assertThat(directory.view().instances()).extracting(ServiceInstance::getInstanceId)
			.containsExactly("scheduler-a");

		clock.advance(Duration.ofMillis(19_999));
		assertThat(directory.view().available()).isTrue();
		clock.advance(Duration.ofMillis(1));
		SchedulerView expired = directory.view();
		assertThat(directory.freshness()).isEqualTo(Freshness.EXPIRED);
		assertThat(expired.available()).isFalse();
		assertThat(expired.unavailableReason()).isEqualTo("no active scheduler: cannot reach the manager at"
				+ " http://127.0.0.1:8081 to list the schedulers of cluster default (Connection refused);"
				+ " the last known list expired after 30000 ms");
		assertThat(directory.unreachableSince()).isEqualTo(clock.instant().minus(Duration.ofMillis(26_001)));
	}

	@Test
	void successfulRefreshAfterFailuresClearsTheFailure() {
		directory.refreshFailed(new ConnectException("Connection refused"));
		assertThat(directory.view().unavailableReason()).contains("cannot reach the manager");

		directory.update(List.of(node("scheduler-a", NodeType.SCHEDULER, "default", NodeState.ACTIVE, 8082)));

		assertThat(directory.view().available()).isTrue();
		assertThat(directory.unreachableSince()).isNull();
	}

	@Test
	void schedulerServingTlsIsASecureInstanceAtItsHttpsUrl() {
		Instant now = clock.instant();
		directory.update(List.of(new Node("scheduler-tls", NodeType.SCHEDULER, "default", "https://127.0.0.1:8082",
				"127.0.0.1", 8082, null, null, NodeState.ACTIVE, null, now, now, now)));

		ServiceInstance instance = directory.view().instances().get(0);
		assertThat(instance.isSecure()).isTrue();
		assertThat(instance.getUri()).hasToString("https://127.0.0.1:8082");
	}

	@Test
	void nodeWithAnUnusableUrlIsSkippedWithoutHidingTheOthers() {
		Node broken = new Node("scheduler-broken", NodeType.SCHEDULER, "default", "not a url", "h", 1, null, null,
				NodeState.ACTIVE, null, clock.instant(), clock.instant(), clock.instant());

		directory.update(List.of(broken, node("scheduler-a", NodeType.SCHEDULER, "default", NodeState.ACTIVE, 8082)));

		assertThat(directory.view().instances()).extracting(ServiceInstance::getInstanceId)
			.containsExactly("scheduler-a");
	}

	private Node node(String id, NodeType type, String cluster, NodeState state, int port) {
		Instant now = clock.instant();
		return new Node(id, type, cluster, "http://127.0.0.1:" + port, "127.0.0.1", port, null, null, state, null, now,
				now, now);
	}

}
