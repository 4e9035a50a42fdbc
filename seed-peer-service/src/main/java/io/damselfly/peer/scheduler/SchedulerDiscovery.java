package io.damselfly.peer.scheduler;

import java.net.URI;
import java.time.Duration;
import java.util.List;

import io.damselfly.common.node.Node;
import io.damselfly.common.node.NodeState;
import io.damselfly.common.node.NodeType;
import io.damselfly.service.manager.ManagerClient;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.Disposable;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

import org.springframework.context.SmartLifecycle;

/**
 * Finds the ACTIVE schedulers of this daemon's cluster through the manager, refreshed every few
 * seconds. When the manager lists none or cannot be reached, the last list it gave is kept, and the
 * static list ({@code damselfly.peer.schedulers}) is used when there was never one.
 */
public class SchedulerDiscovery implements SmartLifecycle {

	private static final Logger logger = LoggerFactory.getLogger(SchedulerDiscovery.class);

	private final ManagerClient manager;

	private final String clusterId;

	private final List<String> fallback;

	private final Duration refreshInterval;

	private volatile List<String> fromManager = List.of();

	private volatile boolean managerFailing;

	private volatile Disposable loop;

	public SchedulerDiscovery(ManagerClient manager, String clusterId, List<URI> fallback, Duration refreshInterval) {
		this.manager = manager;
		this.clusterId = clusterId;
		this.fallback = fallback.stream().map(URI::toString).map(SchedulerDiscovery::trimSlash).toList();
		this.refreshInterval = refreshInterval;
		this.loop = reactor.core.Disposables.disposed();
	}

	/** Scheduler base URLs to try, manager's view first. */
	public List<String> schedulers() {
		List<String> current = fromManager;
		return current.isEmpty() ? fallback : current;
	}

	/** Reads the manager's list once. */
	public Mono<List<String>> refresh() {
		return manager.nodes(NodeType.SCHEDULER, NodeState.ACTIVE, clusterId)
			.map((nodes) -> nodes.stream().map(Node::url).map(SchedulerDiscovery::trimSlash).sorted().toList())
			.doOnNext((urls) -> {
				if (!urls.equals(fromManager)) {
					logger.info("Schedulers from manager: {}", urls);
				}
				if (!urls.isEmpty()) {
					fromManager = urls;
				}
				managerFailing = false;
			})
			// Fail-open: keep the last list (or the static one) while the manager is away; schedulers still work.
			.onErrorResume(Exception.class, (ex) -> {
				if (!managerFailing) {
					logger.warn("Cannot list schedulers from manager ({}); using {}", ex.toString(), schedulers());
				}
				managerFailing = true;
				return Mono.just(schedulers());
			});
	}

	private static String trimSlash(String url) {
		return url.endsWith("/") ? url.substring(0, url.length() - 1) : url;
	}

	@Override
	public void start() {
		loop = Flux.interval(Duration.ZERO, refreshInterval).onBackpressureDrop().concatMap((tick) -> refresh(), 1)
			.subscribe();
	}

	@Override
	public void stop() {
		loop.dispose();
	}

	@Override
	public boolean isRunning() {
		return !loop.isDisposed();
	}

}
