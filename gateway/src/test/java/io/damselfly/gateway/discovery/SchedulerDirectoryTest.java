package io.damselfly.gateway.discovery;

import java.net.ConnectException;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.List;

import io.damselfly.common.node.Node;
import io.damselfly.common.node.NodeState;
import io.damselfly.common.node.NodeType;
import org.junit.jupiter.api.Test;

import org.springframework.cloud.client.ServiceInstance;

import static org.assertj.core.api.Assertions.assertThat;

class SchedulerDirectoryTest {

	private final MutableClock clock = new MutableClock();

	private final SchedulerDirectory directory = new SchedulerDirectory("default",
			"http://127.0.0.1:8081", Duration.ofSeconds(10), clock);

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
	void failedRefreshKeepsTheLastListUntilItIsStaleThenFailsClosed() {
		directory.update(List.of(node("scheduler-a", NodeType.SCHEDULER, "default", NodeState.ACTIVE, 8082)));
		clock.advance(Duration.ofSeconds(4));
		directory.refreshFailed(new ConnectException("Connection refused"));

		clock.advance(Duration.ofSeconds(6));
		assertThat(directory.view().instances()).extracting(ServiceInstance::getInstanceId)
			.containsExactly("scheduler-a");

		clock.advance(Duration.ofMillis(1));
		SchedulerView expired = directory.view();
		assertThat(expired.available()).isFalse();
		assertThat(expired.unavailableReason()).isEqualTo("no active scheduler: cannot reach the manager at"
				+ " http://127.0.0.1:8081 to list the schedulers of cluster default (Connection refused);"
				+ " the last known list expired after 10000 ms");
		assertThat(directory.unreachableSince()).isEqualTo(clock.instant().minus(Duration.ofMillis(6001)));
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

	private static final class MutableClock extends Clock {

		private Instant now = Instant.parse("2026-01-01T00:00:00Z");

		void advance(Duration duration) {
			now = now.plus(duration);
		}

		@Override
		public ZoneId getZone() {
			return ZoneOffset.UTC;
		}

		@Override
		public Clock withZone(ZoneId zone) {
			return this;
		}

		@Override
		public Instant instant() {
			return now;
		}

	}

}
