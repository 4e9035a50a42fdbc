package io.damselfly.gateway.discovery;

import java.net.URI;
import java.net.URISyntaxException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import io.damselfly.common.node.Node;
import io.damselfly.common.node.NodeState;
import io.damselfly.common.node.NodeType;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.cloud.client.DefaultServiceInstance;
import org.springframework.cloud.client.ServiceInstance;

/**
 * The scheduler pool as the manager last described it, with the rule for how long that description may
 * be trusted. Plain state with no I/O: {@link SchedulerPoller} feeds it, the load balancer and the
 * scheduler route guard read it.
 * <p>
 * Fail-open for {@code staleAfter}, then fail-closed: a stale list beats no list during a short manager
 * outage, but a list nobody has confirmed for longer may hold schedulers the manager has since ejected.
 */
public class SchedulerDirectory {

	/** The Spring Cloud LoadBalancer service id of the scheduler pool ({@code lb://schedulers}). */
	public static final String SERVICE_ID = "schedulers";

	private static final Logger logger = LoggerFactory.getLogger(SchedulerDirectory.class);

	private final String clusterId;

	private final String managerUrl;

	private final Duration staleAfter;

	private final Clock clock;

	private volatile @Nullable Listing listing;

	private volatile @Nullable Failure failure;

	private volatile boolean expiryLogged;

	public SchedulerDirectory(String clusterId, String managerUrl, Duration staleAfter, Clock clock) {
		this.clusterId = clusterId;
		this.managerUrl = managerUrl;
		this.staleAfter = staleAfter;
		this.clock = clock;
	}

	/** Records the manager's latest answer; nodes that are not ACTIVE schedulers of this cluster are dropped. */
	public void update(List<Node> nodes) {
		List<ServiceInstance> instances = nodes.stream()
			.filter((n) -> n.type() == NodeType.SCHEDULER && n.state() == NodeState.ACTIVE
					&& clusterId.equals(n.clusterId()))
			.flatMap((n) -> toInstance(n).stream())
			.sorted(Comparator.comparing(ServiceInstance::getInstanceId))
			.toList();
		Listing previous = listing;
		Failure failed = failure;
		listing = new Listing(instances, clock.instant());
		failure = null;
		expiryLogged = false;
		if (failed != null) {
			logger.info("Manager {} reachable again after {}", managerUrl, failed.error);
		}
		List<String> ids = ids(instances);
		if (previous == null || !ids.equals(ids(previous.instances))) {
			logger.info("Active schedulers of cluster {}: {} (was {})", clusterId, ids,
					(previous != null) ? ids(previous.instances) : "unknown");
		}
	}

	/** Records a failed refresh; the last known list stays in use until it is {@code staleAfter} old. */
	public void refreshFailed(Throwable error) {
		Instant now = clock.instant();
		Failure previous = failure;
		String description = describe(error);
		failure = new Failure(description, (previous != null) ? previous.since : now);
		Listing known = listing;
		if (previous == null && known != null && !isExpired(known, now)) {
			logger.warn("Cannot list schedulers from manager {}: {}; keeping the last known list {} for up to {} ms",
					managerUrl, description, ids(known.instances), staleAfter.toMillis());
		}
		if (!expiryLogged && (known == null || isExpired(known, now))) {
			expiryLogged = true;
			logger.warn("No usable scheduler list for cluster {}: {}", clusterId, view().unavailableReason());
		}
	}

	/** What the scheduler route may use right now. */
	public SchedulerView view() {
		Instant now = clock.instant();
		Listing known = listing;
		Failure failed = failure;
		if (known != null && !isExpired(known, now)) {
			return known.instances.isEmpty()
					? SchedulerView.none("no active scheduler: the manager lists none for cluster " + clusterId)
					: SchedulerView.of(known.instances);
		}
		if (failed != null) {
			String expiry = (known != null) ? "; the last known list expired after " + staleAfter.toMillis() + " ms"
					: "";
			return SchedulerView.none("no active scheduler: cannot reach the manager at " + managerUrl
					+ " to list the schedulers of cluster " + clusterId + " (" + failed.error + ")" + expiry);
		}
		if (known != null) {
			return SchedulerView.none("no active scheduler: the scheduler list of cluster " + clusterId
					+ " has not been refreshed for more than " + staleAfter.toMillis() + " ms");
		}
		return SchedulerView.none(
				"no active scheduler: the schedulers of cluster " + clusterId + " have not been listed by the manager yet");
	}

	/** When the manager last answered, or null if it never has. */
	public @Nullable Instant lastListedAt() {
		Listing known = listing;
		return (known != null) ? known.at : null;
	}

	/** Since when the manager has failed to answer, or null while it answers. */
	public @Nullable Instant unreachableSince() {
		Failure failed = failure;
		return (failed != null) ? failed.since : null;
	}

	public String clusterId() {
		return clusterId;
	}

	private boolean isExpired(Listing known, Instant now) {
		return Duration.between(known.at, now).compareTo(staleAfter) > 0;
	}

	private Optional<ServiceInstance> toInstance(Node node) {
		URI url = parse(node.url());
		if (url == null || url.getHost() == null || url.getPort() <= 0) {
			// One bad registration must not hide the healthy schedulers listed with it.
			logger.warn("Ignoring scheduler {}: its url '{}' is not http://host:port", node.id(), node.url());
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

	private static List<String> ids(List<ServiceInstance> instances) {
		return instances.stream().map(ServiceInstance::getInstanceId).toList();
	}

	private static String describe(Throwable error) {
		Throwable root = error;
		while (root.getCause() != null && root.getCause() != root) {
			root = root.getCause();
		}
		String message = (root.getMessage() != null) ? root.getMessage() : root.getClass().getSimpleName();
		return (root == error) ? message : error.getClass().getSimpleName() + ": " + message;
	}

	private record Listing(List<ServiceInstance> instances, Instant at) {
	}

	private record Failure(String error, Instant since) {
	}

}
