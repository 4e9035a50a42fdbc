package io.damselfly.scheduler.seed;

import java.time.Clock;
import java.util.List;

import io.damselfly.common.node.Node;
import io.damselfly.common.node.NodeState;
import io.damselfly.common.node.NodeType;
import io.damselfly.scheduler.config.RefreshingValue;
import io.damselfly.scheduler.config.SchedulerProperties;
import io.damselfly.service.manager.ManagerClient;
import io.damselfly.service.manager.NodeProperties;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.publisher.Mono;

/**
 * The ACTIVE seed peers of this scheduler's cluster, as the manager lists them, cached for
 * {@link SchedulerProperties#seedListRefresh()}. When the manager cannot be reached the last list is
 * kept (empty before the first answer): the manager ejects sick seeds, so an old list errs on the side
 * of seeds that were healthy a moment ago.
 */
public class SeedDirectory {

	private static final Logger logger = LoggerFactory.getLogger(SeedDirectory.class);

	private final RefreshingValue<List<Node>> seeds;

	private volatile boolean unreachable;

	public SeedDirectory(ManagerClient manager, NodeProperties node, SchedulerProperties properties, Clock clock) {
		this.seeds = new RefreshingValue<>(
				() -> manager.nodes(NodeType.SEED_PEER, NodeState.ACTIVE, node.clusterId()).doOnNext((list) -> {
					if (unreachable) {
						logger.info("Manager reachable again: {} active seed peers", list.size());
					}
					unreachable = false;
				}), this::fallback, properties.seedListRefresh(), clock);
	}

	public Mono<List<Node>> activeSeeds() {
		return seeds.get();
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
