package io.damselfly.peer.scheduler;

import java.net.URI;
import java.util.List;

import io.damselfly.common.node.Node;
import io.damselfly.common.node.NodeState;
import io.damselfly.common.node.NodeType;
import io.damselfly.service.manager.ManagerClient;
import io.damselfly.service.manager.NodeDirectory;
import reactor.core.publisher.Mono;

/**
 * Finds the ACTIVE schedulers of this daemon's cluster through the manager, in a {@link NodeDirectory}
 * with the shared staleness policy: the manager's last list is used while fresh or stale, and once it
 * has expired (or before the manager ever answered) the static list ({@code damselfly.peer.schedulers})
 * is used. An answer listing no scheduler does not replace the last list: right after a Redis restart
 * the manager lists none until the schedulers keep alive again, and a peer that believed it would go to
 * the origin for nothing; it counts as a failed refresh, so the list still ages and expires.
 */
public class SchedulerDiscovery {

	private final ManagerClient manager;

	private final String clusterId;

	private final List<String> fallback;

	private final NodeDirectory directory;

	public SchedulerDiscovery(ManagerClient manager, String clusterId, List<URI> fallback, NodeDirectory directory) {
		this.manager = manager;
		this.clusterId = clusterId;
		this.fallback = fallback.stream().map(URI::toString).map(SchedulerDiscovery::trimSlash).toList();
		this.directory = directory;
	}

	/** Scheduler base URLs to try: the manager's while its list may be used, else the static ones. */
	public List<String> schedulers() {
		NodeDirectory.View view = directory.view();
		List<String> listed = view.nodes().stream().map(Node::url).map(SchedulerDiscovery::trimSlash).sorted()
			.toList();
		return listed.isEmpty() ? fallback : listed;
	}

	/** Reads the manager's list once; completes with the schedulers to use afterwards. */
	public Mono<List<String>> refresh() {
		return directory.refreshFrom(manager.nodes(NodeType.SCHEDULER, NodeState.ACTIVE, clusterId)
			.flatMap((nodes) -> nodes.isEmpty()
					? Mono.error(new IllegalStateException("the manager lists no active scheduler"))
					: Mono.just(nodes)))
			.then(Mono.fromSupplier(this::schedulers));
	}

	private static String trimSlash(String url) {
		return url.endsWith("/") ? url.substring(0, url.length() - 1) : url;
	}

}
