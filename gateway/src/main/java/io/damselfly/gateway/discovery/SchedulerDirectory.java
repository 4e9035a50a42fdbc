package io.damselfly.gateway.discovery;

import java.net.URI;
import java.net.URISyntaxException;
import java.time.Clock;
import java.time.Instant;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import io.damselfly.common.node.Node;
import io.damselfly.common.node.NodeState;
import io.damselfly.common.node.NodeType;
import io.damselfly.service.manager.NodeDirectory;
import io.damselfly.service.manager.NodeListPolicy;
import io.damselfly.service.manager.NodeListPolicy.Freshness;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.publisher.Mono;

import org.springframework.cloud.client.DefaultServiceInstance;
import org.springframework.cloud.client.ServiceInstance;

/**
 * The scheduler pool as the manager last described it, as Spring Cloud LoadBalancer instances. The list
 * and how long it may be trusted are the shared {@link NodeDirectory} and its {@link NodeListPolicy}:
 * used while fresh or stale, then fail-closed once expired, when scheduler calls get a 503 that names
 * the cause. Plain state with no I/O: a periodic refresh feeds it, the load balancer and the scheduler
 * route guard read it.
 */
public class SchedulerDirectory {

	/** The Spring Cloud LoadBalancer service id of the scheduler pool ({@code lb://schedulers}). */
	public static final String SERVICE_ID = "schedulers";

	private static final Logger logger = LoggerFactory.getLogger(SchedulerDirectory.class);

	private final String clusterId;

	private final NodeDirectory nodes;

	public SchedulerDirectory(String clusterId, URI managerUrl, NodeListPolicy policy, Clock clock) {
		this.clusterId = clusterId;
		this.nodes = new NodeDirectory("schedulers of cluster " + clusterId, managerUrl, policy, clock);
	}

	/** Reads the manager's answer once; completes empty whatever happened. */
	public Mono<Void> refreshFrom(Mono<List<Node>> call) {
		return nodes.refreshFrom(call);
	}

	/** Records the manager's latest answer. */
	public void update(List<Node> listed) {
		nodes.update(listed);
	}

	/** Records a failed refresh; the last known list stays in use until it expires. */
	public void refreshFailed(Throwable error) {
		nodes.refreshFailed(error);
	}

	/** What the scheduler route may use right now; nodes that are not ACTIVE schedulers of this cluster are dropped. */
	public SchedulerView view() {
		NodeDirectory.View view = nodes.view();
		if (!view.unknown()) {
			List<ServiceInstance> instances = view.nodes().stream()
				.filter((n) -> n.type() == NodeType.SCHEDULER && n.state() == NodeState.ACTIVE
						&& clusterId.equals(n.clusterId()))
				.flatMap((n) -> toInstance(n).stream())
				.sorted(Comparator.comparing(ServiceInstance::getInstanceId))
				.toList();
			return instances.isEmpty()
					? SchedulerView.none("no active scheduler: the manager lists none for cluster " + clusterId)
					: SchedulerView.of(instances);
		}
		boolean expired = view.freshness() == Freshness.EXPIRED;
		if (view.failure() != null) {
			String expiry = expired ? "; the last known list expired after "
					+ nodes.policy().expireAfter().toMillis() + " ms" : "";
			return SchedulerView.none("no active scheduler: cannot reach the manager at " + nodes.managerUrl()
					+ " to list the schedulers of cluster " + clusterId + " (" + view.failure() + ")" + expiry);
		}
		if (expired) {
			return SchedulerView.none("no active scheduler: the scheduler list of cluster " + clusterId
					+ " has not been refreshed for more than " + nodes.policy().expireAfter().toMillis() + " ms");
		}
		return SchedulerView.none(
				"no active scheduler: the schedulers of cluster " + clusterId + " have not been listed by the manager yet");
	}

	/** When the manager last answered, or null if it never has. */
	public @Nullable Instant lastListedAt() {
		return nodes.lastListedAt();
	}

	/** Since when the manager has failed to answer, or null while it answers. */
	public @Nullable Instant unreachableSince() {
		return nodes.unreachableSince();
	}

	/** How old the list is now, or null before the manager first answered. */
	public @Nullable Freshness freshness() {
		return nodes.view().freshness();
	}

	public String clusterId() {
		return clusterId;
	}

	private Optional<ServiceInstance> toInstance(Node node) {
		URI url = parse(node.url());
		if (url == null || url.getHost() == null || url.getPort() <= 0) {
			// One bad registration must not hide the healthy schedulers listed with it.
			logger.warn("Ignoring scheduler {}: its url '{}' is not http(s)://host:port", node.id(), node.url());
			return Optional.empty();
		}
		Map<String, String> metadata = new LinkedHashMap<>();
		metadata.put("cluster", node.clusterId());
		metadata.put("url", node.url());
		if (node.idc() != null) {
			metadata.put("idc", node.idc());
		}
		if (node.location() != null) {
			metadata.put("location", node.location());
		}
		return Optional.of(new DefaultServiceInstance(node.id(), SERVICE_ID, url.getHost(), url.getPort(),
				"https".equals(url.getScheme()), metadata));
	}

	private static @Nullable URI parse(String url) {
		try {
			return new URI(url);
		}
		catch (URISyntaxException ex) {
			return null;
		}
	}

}
