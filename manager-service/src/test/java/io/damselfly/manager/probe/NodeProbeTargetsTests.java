package io.damselfly.manager.probe;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Queue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;

import io.damselfly.common.node.Node;
import io.damselfly.common.node.NodeState;
import io.damselfly.manager.ManagerIntegrationTestSupport;
import io.damselfly.manager.OwnNettyResources;
import io.damselfly.manager.probe.transition.NodeEvent;
import io.github.resilience4j.circuitbreaker.CircuitBreakerRegistry;
import org.junit.jupiter.api.Test;
import reactor.core.Disposable;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.annotation.Import;
import org.springframework.data.redis.core.ReactiveStringRedisTemplate;
import org.springframework.data.redis.listener.ChannelTopic;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.TestPropertySource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The docs/architecture.md#failure-detection-and-ejection targets at the default probe settings (2 s rounds, 1 s timeout): a sick seed is ejected
 * within 5 s of turning sick, a recovered one is re-admitted within 30 s. Five stand-in seeds turn sick,
 * each at its own random moment within one probe interval, so each meets the probe rounds at another
 * phase, and each recovers at a random moment of its ejection or probation. Times are taken from the published events and
 * printed, one line per seed.
 */
@TestPropertySource(properties = "damselfly.probe.enabled=true")
@Import(OwnNettyResources.class)
@DirtiesContext
class NodeProbeTargetsTests extends ManagerIntegrationTestSupport {

	private static final int SEEDS = 5;

	private static final Duration EJECTION_TARGET = Duration.ofSeconds(5);

	private static final Duration READMISSION_TARGET = Duration.ofSeconds(30);

	@Autowired
	private ProbeProperties probe;

	@Autowired
	private ReactiveStringRedisTemplate redis;

	@Autowired
	private JsonMapper json;

	@Autowired
	private CircuitBreakerRegistry breakers;

	private final Queue<NodeEvent> events = new ConcurrentLinkedQueue<>();

	@Test
	void atDefaultSettingsSickSeedsAreEjectedWithinFiveSecondsAndRecoveredOnesReadmittedWithinThirty() {
		assertThat(probe.interval()).isEqualTo(Duration.ofSeconds(2));
		assertThat(probe.timeout()).isEqualTo(Duration.ofSeconds(1));
		var messages = redis.listenToLater(ChannelTopic.of(NodeEvent.CHANNEL)).block(Duration.ofSeconds(10));
		assertThat(messages).isNotNull();
		Disposable subscription = messages
			.subscribe((message) -> events.add(json.readValue(message.getMessage(), NodeEvent.class)));
		List<ReadinessStandIn> seeds = new ArrayList<>();
		ScheduledExecutorService timers = Executors.newSingleThreadScheduledExecutor();
		try {
			String cluster = uniqueCluster();
			List<Node> nodes = new ArrayList<>();
			for (int i = 0; i < SEEDS; i++) {
				seeds.add(ReadinessStandIn.start());
				nodes.add(register(seeds.get(i).registration(cluster)));
			}
			// Like real seeds, they keep alive (every 3 s, as NodeRegistrar does): a silent one goes INACTIVE.
			timers.scheduleAtFixedRate(() -> nodes.forEach((node) -> web.post()
				.uri("/api/v1/nodes/{id}/keepalive", node.id()).exchange().expectStatus().isOk()), 3, 3, TimeUnit.SECONDS);
			nodes.forEach(this::awaitFullWindowOfPasses);

			Map<Integer, Instant> sickAt = new ConcurrentHashMap<>();
			for (int i = 0; i < SEEDS; i++) {
				int seed = i;
				timers.schedule(() -> {
					sickAt.put(seed, Instant.now());
					seeds.get(seed).diskFull();
				}, ThreadLocalRandom.current().nextLong(probe.interval().toMillis()), TimeUnit.MILLISECONDS);
			}
			await().atMost(probe.interval().plusSeconds(5)).until(() -> sickAt.size() == SEEDS);
			NodeEvent[] ejected = new NodeEvent[SEEDS];
			for (int i = 0; i < SEEDS; i++) {
				ejected[i] = awaitEvent(nodes.get(i).id(), NodeState.EJECTED, sickAt.get(i),
						EJECTION_TARGET.plusSeconds(10));
			}

			Map<Integer, Instant> recoveredAt = new ConcurrentHashMap<>();
			long recoveryWindow = probe.waitInOpen().plus(probe.interval().multipliedBy(2)).toMillis();
			for (int i = 0; i < SEEDS; i++) {
				int seed = i;
				Instant when = ejected[i].at().plusMillis(ThreadLocalRandom.current().nextLong(recoveryWindow));
				long delay = Math.max(0, Duration.between(Instant.now(), when).toMillis());
				timers.schedule(() -> {
					recoveredAt.put(seed, Instant.now());
					seeds.get(seed).recover();
				}, delay, TimeUnit.MILLISECONDS);
			}
			await().atMost(Duration.ofMillis(recoveryWindow).plus(Duration.ofSeconds(5)))
				.until(() -> recoveredAt.size() == SEEDS);
			NodeEvent[] active = new NodeEvent[SEEDS];
			for (int i = 0; i < SEEDS; i++) {
				active[i] = awaitEvent(nodes.get(i).id(), NodeState.ACTIVE, recoveredAt.get(i),
						READMISSION_TARGET.plusSeconds(10));
			}

			System.out.println("seed  sick->EJECTED  recovered->ACTIVE  (interval " + probe.interval() + ", timeout "
					+ probe.timeout() + ", wait-in-open " + probe.waitInOpen() + ")");
			for (int i = 0; i < SEEDS; i++) {
				Duration ejection = Duration.between(sickAt.get(i), ejected[i].at());
				Duration readmission = Duration.between(recoveredAt.get(i), active[i].at());
				System.out.printf(Locale.ROOT, "%4d  %12.2f s  %15.2f s%n", i + 1, ejection.toMillis() / 1000.0,
						readmission.toMillis() / 1000.0);
				assertThat(ejection).as("seed %d ejected", i + 1).isLessThan(EJECTION_TARGET);
				assertThat(readmission).as("seed %d re-admitted", i + 1).isLessThan(READMISSION_TARGET);
				assertThat(ejected[i].reason()).isEqualTo("diskSpace: used 91% > 85%");
			}
		}
		finally {
			timers.shutdownNow();
			subscription.dispose();
			seeds.forEach(ReadinessStandIn::close);
		}
	}

	/** Three passed probes fill the window, so each seed starts from a steady, healthy state. */
	private void awaitFullWindowOfPasses(Node node) {
		await().atMost(probe.interval().multipliedBy(probe.windowSize() + 2L))
			.until(() -> breakers.find(NodeBreakers.name(node.id()))
				.map((breaker) -> breaker.getMetrics().getNumberOfSuccessfulCalls() >= probe.windowSize())
				.orElse(false));
	}

	/** The first event taking the node to {@code state} at or after {@code after}. */
	private NodeEvent awaitEvent(String nodeId, NodeState state, Instant after, Duration atMost) {
		return await().atMost(atMost).pollInterval(Duration.ofMillis(20)).until(() -> events.stream()
			.filter((event) -> event.id().equals(nodeId) && event.to() == state && !event.at().isBefore(after))
			.findFirst(), Optional::isPresent).orElseThrow();
	}

}
