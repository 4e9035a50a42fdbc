package io.damselfly.scheduler.config;

import java.time.Clock;

import io.damselfly.common.cluster.ClusterConfig;
import io.damselfly.service.manager.ManagerClient;
import io.damselfly.service.manager.NodeProperties;
import org.jspecify.annotations.Nullable;
import io.damselfly.service.lifecycle.BackgroundWork;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.publisher.Mono;

/**
 * The cluster's scheduling config (docs/architecture.md#scheduling) as the manager serves it, cached for
 * {@link SchedulerProperties#clusterConfigRefresh()}. When the manager cannot be reached the last
 * config it served is kept, or {@link ClusterConfig#DEFAULTS} before it ever answered; the outage is
 * logged once at WARN.
 */
public class ClusterConfigSource {

	private static final Logger logger = LoggerFactory.getLogger(ClusterConfigSource.class);

	private final RefreshingValue<ClusterConfig> value;

	private volatile boolean unreachable;

	public ClusterConfigSource(ManagerClient manager, NodeProperties node, SchedulerProperties properties,
			Clock clock, BackgroundWork background) {
		String clusterId = node.clusterId();
		this.value = new RefreshingValue<>("cluster config", () -> manager.clusterConfig(clusterId).doOnNext((config) -> {
			if (unreachable) {
				logger.info("Manager reachable again: using cluster config of '{}'", clusterId);
			}
			unreachable = false;
		}), this::fallback, properties.clusterConfigRefresh(), clock, background);
	}

	public Mono<ClusterConfig> current() {
		return value.get();
	}

	private ClusterConfig fallback(Exception ex, @Nullable ClusterConfig last) {
		if (!unreachable) {
			logger.warn("Cannot read cluster config from the manager ({}): using {}", ex.toString(),
					(last != null) ? "the last config it served" : "the defaults");
		}
		unreachable = true;
		return (last != null) ? last : ClusterConfig.DEFAULTS;
	}

}
