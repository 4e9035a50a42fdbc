package io.damselfly.scheduler.seed;

import java.time.Clock;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import io.damselfly.common.node.Node;
import io.damselfly.common.node.NodeState;
import io.damselfly.common.node.NodeType;
import io.damselfly.scheduler.config.RefreshingValue;
import io.damselfly.scheduler.config.SchedulerProperties;
import io.damselfly.scheduler.host.ManagedNodes;
import io.damselfly.scheduler.metrics.SchedulerMetrics;
import io.damselfly.service.manager.ManagerClient;
import io.damselfly.service.manager.NodeProperties;
import org.jspecify.annotations.Nullable;
import io.damselfly.service.lifecycle.BackgroundWork;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.publisher.Mono;

/**
 * The seed peers of this scheduler's cluster in every state (ACTIVE, PROBING, EJECTED, INACTIVE), as
 * the manager lists them, cached for {@link SchedulerProperties#seedListRefresh()}. The trigger hashes
 * tasks over them, skipping ejected ones; the host policy reads their states by address, in memory.
 * <p>
 * When the manager cannot be reached the last list is kept (empty before the first answer): its
 * ejections stay honored, and seeds it called healthy a moment ago stay usable. A seed newly listed as
 * EJECTED is logged at WARN and counted in
 * {@code damselfly_scheduler_host_ejections_total{source="manager"}} by every instance that sees it.
 */
public class SeedDirectory implements ManagedNodes {

	private static final Logger logger = LoggerFactory.getLogger(SeedDirectory.class);

	private final RefreshingValue<List<Node>> seeds;

	private final SchedulerMetrics metrics;

	private volatile Map<String, Node> byAddress = Map.of();

	private volatile boolean unreachable;

	public SeedDirectory(ManagerClient manager, NodeProperties node, SchedulerProperties properties,
			SchedulerMetrics metrics, Clock clock, BackgroundWork background) {
		this.metrics = metrics;
		this.seeds = new RefreshingValue<>("seed list", () -> manager.nodes(NodeType.SEED_PEER, null, node.clusterId())
			.doOnNext((list) -> {
				if (unreachable) {
					logger.info("Manager reachable again: {} seed peers", list.size());
				}
				unreachable = false;
				index(list);
			}), this::fallback, properties.seedListRefresh(), clock, background);
	}

	/** The seed nodes the manager lists, in every state. */
	public Mono<List<Node>> seeds() {
		return seeds.get();
	}

	@Override
	public Mono<Void> refresh() {
		return seeds.get().then();
	}

	/** Re-reads the manager's list now: the manager published a change of one of this cluster's seeds. */
	public Mono<Void> refreshNow() {
		return seeds.refreshNow().then();
	}

	@Override
	public @Nullable Node seedAt(String host, int port) {
		Map<String, Node> current = byAddress;
		return current.isEmpty() ? null : current.get(address(host, port));
	}

	static String address(String host, int port) {
		return host + ":" + port;
	}

	private void index(List<Node> list) {
		Map<String, Node> previous = byAddress;
		Map<String, Node> next = new HashMap<>(list.size() * 2);
		for (Node seed : list) {
			String address = address(seed.host(), seed.port());
			next.put(address, seed);
			Node before = previous.get(address);
			boolean wasEjected = before != null && before.state() == NodeState.EJECTED;
			if (seed.state() == NodeState.EJECTED && !wasEjected) {
				metrics.hostEjected(SchedulerMetrics.EJECTED_BY_MANAGER);
				logger.warn("seed {} ({}) ejected by the manager: {}", seed.id(), address, seed.reason());
			}
			else if (wasEjected && seed.state() != NodeState.EJECTED) {
				logger.info("seed {} ({}) no longer ejected by the manager: {}", seed.id(), address, seed.state());
			}
		}
		byAddress = Map.copyOf(next);
	}

	private List<Node> fallback(Exception ex, @Nullable List<Node> last) {
		if (!unreachable) {
			logger.warn("Cannot list seed peers from the manager ({}): using {}", ex.toString(),
					(last != null) ? "the last list (" + last.size() + " seeds)" : "no seeds");
		}
		unreachable = true;
		return (last != null) ? last : List.of();
	}

}
