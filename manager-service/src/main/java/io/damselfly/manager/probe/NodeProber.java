package io.damselfly.manager.probe;

import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Set;
import java.util.function.Predicate;
import java.util.stream.Collectors;

import io.damselfly.common.node.NodeState;
import io.damselfly.manager.probe.health.NodeHealthClient;
import io.damselfly.manager.probe.health.ProbeFailedException;
import io.damselfly.manager.probe.health.ProbeSlowException;
import io.damselfly.manager.probe.transition.NodeEvent;
import io.damselfly.manager.probe.transition.NodeEventPublisher;
import io.damselfly.manager.probe.transition.NodeTransitions;
import io.damselfly.manager.registry.state.NodeRecord;
import io.damselfly.manager.registry.state.NodeStateChange;
import io.damselfly.manager.registry.state.StoredNode;
import io.damselfly.manager.registry.store.NodeRepository;
import io.github.resilience4j.circuitbreaker.CallNotPermittedException;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.github.resilience4j.reactor.circuitbreaker.operator.CircuitBreakerOperator;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * One probe round (docs/architecture.md#failure-detection-and-ejection): lists the registered nodes, probes every one that is still keeping alive
 * through its breaker, and stores the state its breaker stands for when that differs from the stored
 * one. Each change is stored with its reason and time, published on {@value NodeEvent#CHANNEL}, counted
 * in {@code damselfly.manager.node.transitions{to}}, and logged on one line (WARN for an ejection, INFO
 * otherwise). INACTIVE nodes are not probed: a node that stopped keeping alive is out already, and its
 * breaker is dropped.
 */
public class NodeProber {

	private static final Logger logger = LoggerFactory.getLogger(NodeProber.class);

	private final NodeRepository repository;

	private final NodeHealthClient health;

	private final NodeBreakers breakers;

	private final NodeEventPublisher events;

	private final Clock clock;

	private final MeterRegistry meters;

	private final int concurrency;

	private final Predicate<String> owns;

	private volatile Set<String> probing = Set.of();

	/**
	 * @param owns whether this manager probes a node (by id) now; with several managers each probes only
	 * its share ({@link io.damselfly.manager.probe.ownership.ManagerHeartbeat})
	 */
	public NodeProber(NodeRepository repository, NodeHealthClient health, NodeBreakers breakers,
			NodeEventPublisher events, Clock clock, MeterRegistry meters, int concurrency, Predicate<String> owns) {
		this.owns = owns;
		this.repository = repository;
		this.health = health;
		this.breakers = breakers;
		this.events = events;
		this.clock = clock;
		this.meters = meters;
		this.concurrency = concurrency;
	}

	/**
	 * Probes every node that keeps alive and that this manager owns, {@code concurrency} at a time. The
	 * breakers of nodes it no longer owns are dropped, so a node that comes back to it later starts again
	 * from its stored state, whatever the other manager decided meanwhile.
	 * @return how many were probed
	 */
	public Mono<Integer> probeAll() {
		return repository.findAll(null).filter(StoredNode::alive).map(StoredNode::record)
			.filter((node) -> owns.test(node.id()))
			.collectList()
			.flatMap((nodes) -> {
				Set<String> ids = ids(nodes);
				probing = ids;
				breakers.retainOnly(ids);
				return Flux.fromIterable(nodes).flatMap(this::probe, concurrency).then(Mono.just(nodes.size()));
			});
	}

	/** The ids of the nodes this manager probed in its latest round. */
	public Set<String> probing() {
		return probing;
	}

	/**
	 * Probes one node and stores the state its breaker is in afterwards. A timeout is forgiven when the
	 * node answered the probe before it, even late (decided at the timeout, so a late answer to the last
	 * probe still counts): a busy node answers late, a hung one never.
	 */
	Mono<Void> probe(NodeRecord node) {
		NodeBreaker breaker = breakers.forNode(node);
		long probe = breaker.nextProbe();
		return health.probe(node.url())
			.onErrorMap((ex) -> ex instanceof ProbeFailedException failed && failed.timedOut()
					&& breaker.forgivesTimeout(probe), (ex) -> new ProbeSlowException((ProbeFailedException) ex))
			.transformDeferred(CircuitBreakerOperator.of(breaker.breaker()))
			.doOnSuccess((ok) -> breaker.answered(probe))
			.onErrorResume(ProbeSlowException.class, (ex) -> {
				awaitLateAnswer(node, breaker, probe, ex.timeout());
				logger.info("Node {} is slow: {} after answering the probe before; forgiven (busy, not sick)",
						node.id(), ex.getMessage());
				Counter.builder("damselfly.manager.probe.forgiven")
					.description("Probe timeouts forgiven because the node had answered its previous probe")
					.register(meters)
					.increment();
				return Mono.empty();
			})
			.onErrorResume(ProbeFailedException.class, (ex) -> {
				if (ex.timedOut()) {
					awaitLateAnswer(node, breaker, probe, ex);
				}
				else {
					breaker.answered(probe);
				}
				breaker.failed(ex.reason());
				logger.debug("Node {} failed its probe: {}", node.id(), ex.reason());
				failProbation(breaker);
				return Mono.empty();
			})
			// Ejected and still in its wait: the node is deliberately not called.
			.onErrorResume(CallNotPermittedException.class, (ex) -> Mono.empty())
			.then(Mono.defer(() -> store(node, breaker)));
	}

	/** A ready answer that comes after the timeout still counts as an answer, for the next probe's timeout. */
	private static void awaitLateAnswer(NodeRecord node, NodeBreaker breaker, long probe, ProbeFailedException timeout) {
		timeout.lateAnswer().thenAccept((ready) -> {
			if (ready) {
				breaker.answered(probe);
				logger.debug("Node {} answered probe {} ready after its timeout: busy, not hung", node.id(), probe);
			}
		});
	}

	/**
	 * Probation is strict: a node on probation that fails a probe is ejected again at once, instead of
	 * waiting for the rest of its probation probes. The breaker's threshold is set for a closed window
	 * (2 of 3, never 1 of 2), and would otherwise re-admit a node that failed one probation probe of 2.
	 */
	private static void failProbation(NodeBreaker breaker) {
		if (breaker.breaker().getState() == CircuitBreaker.State.HALF_OPEN) {
			breaker.breaker().transitionToOpenState();
		}
	}

	private Mono<Void> store(NodeRecord node, NodeBreaker breaker) {
		var target = NodeTransitions.next(node.state(), breaker.breaker().getState(), breaker.lastFailure(),
				breaker.ejectedFor());
		if (target == null) {
			return Mono.empty();
		}
		return repository.changeState(node.id(), target.state(), target.reason(), now())
			.flatMap((change) -> {
				log(change, breaker);
				breaker.entered(change);
				Counter.builder("damselfly.manager.node.transitions")
					.description("Node state changes decided by the probe breakers, by new state")
					.tag("to", change.to().name())
					.register(meters)
					.increment();
				return events.publish(NodeEvent.of(change));
			})
			.then();
	}

	private void log(NodeStateChange change, NodeBreaker breaker) {
		CircuitBreaker.Metrics metrics = breaker.breaker().getMetrics();
		String line = NodeTransitions.describe(change.to(), change.reason(), metrics.getNumberOfFailedCalls(),
				metrics.getNumberOfBufferedCalls(), breaker.outOfRotation(change.at(), change.fromSince()));
		if (change.to() == NodeState.EJECTED) {
			logger.warn("Node {} {}", change.id(), line);
		}
		else {
			logger.info("Node {} {}", change.id(), line);
		}
	}

	private static Set<String> ids(List<NodeRecord> nodes) {
		return nodes.stream().map(NodeRecord::id).collect(Collectors.toSet());
	}

	private Instant now() {
		return clock.instant().truncatedTo(ChronoUnit.MILLIS);
	}

}
