package io.damselfly.service.manager;

import java.net.ConnectException;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

import io.damselfly.testsupport.time.MutableClock;
import io.damselfly.common.node.Node;
import io.damselfly.common.node.NodeState;
import io.damselfly.common.node.NodeType;
import io.damselfly.service.manager.NodeListPolicy.Freshness;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Mono;
import reactor.test.StepVerifier;

import static org.assertj.core.api.Assertions.assertThat;

class NodeDirectoryTests {

	private final MutableClock clock = new MutableClock();

	private final NodeDirectory directory = new NodeDirectory("schedulers of cluster default",
			URI.create("http://127.0.0.1:8081"), new NodeListPolicy(Duration.ofSeconds(10), Duration.ofSeconds(60)),
			clock);

	@Test
	void beforeTheManagerAnswersTheListIsUnknown() {
		assertThat(directory.view().unknown()).isTrue();
		assertThat(directory.view().nodes()).isEmpty();
		assertThat(directory.lastListedAt()).isNull();
	}

	@Test
	void lastListIsServedFreshThenStaleThenDroppedOnceExpired() {
		directory.update(List.of(node("scheduler-a")));
		directory.refreshFailed(new ConnectException("Connection refused"));

		clock.advance(Duration.ofSeconds(10));
		assertThat(directory.view().freshness()).isEqualTo(Freshness.FRESH);
		clock.advance(Duration.ofMillis(1));
		assertThat(directory.view().freshness()).isEqualTo(Freshness.STALE);
		assertThat(directory.view().nodes()).extracting(Node::id).containsExactly("scheduler-a");
		assertThat(directory.view().failure()).isEqualTo("Connection refused");

		clock.advance(Duration.ofMillis(49_999));
		assertThat(directory.view().nodes()).extracting(Node::id).containsExactly("scheduler-a");
		clock.advance(Duration.ofMillis(1));
		NodeDirectory.View expired = directory.view();
		assertThat(expired.freshness()).isEqualTo(Freshness.EXPIRED);
		assertThat(expired.unknown()).isTrue();
		assertThat(expired.nodes()).isEmpty();
	}

	@Test
	void anAnswerMakesTheListFreshAgainAndClearsTheFailure() {
		directory.update(List.of(node("scheduler-a")));
		directory.refreshFailed(new ConnectException("Connection refused"));
		clock.advance(Duration.ofMinutes(5));

		directory.update(List.of(node("scheduler-b")));

		assertThat(directory.view().freshness()).isEqualTo(Freshness.FRESH);
		assertThat(directory.view().nodes()).extracting(Node::id).containsExactly("scheduler-b");
		assertThat(directory.unreachableSince()).isNull();
	}

	@Test
	void refreshFromRecordsAFailedCallInsteadOfFailing() {
		StepVerifier.create(directory.refreshFrom(Mono.error(new ConnectException("Connection refused"))))
			.expectComplete()
			.verify(Duration.ofSeconds(5));

		assertThat(directory.unreachableSince()).isEqualTo(clock.instant());
		assertThat(directory.view().failure()).isEqualTo("Connection refused");
	}

	@Test
	void expiryShorterThanStalenessIsRefused() {
		assertThat(new NodeListPolicy(Duration.ofSeconds(10), Duration.ofSeconds(5)).isExpiryAfterStaleness()).isFalse();
		assertThat(NodeListPolicy.DEFAULT.isExpiryAfterStaleness()).isTrue();
	}

	private Node node(String id) {
		Instant now = clock.instant();
		return new Node(id, NodeType.SCHEDULER, "default", "http://127.0.0.1:8082", "127.0.0.1", 8082, null, null,
				NodeState.ACTIVE, null, now, now, now);
	}

}
