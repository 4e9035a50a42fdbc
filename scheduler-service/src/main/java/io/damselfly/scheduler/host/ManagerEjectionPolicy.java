package io.damselfly.scheduler.host;

import io.damselfly.common.host.HostAnnounce;
import io.damselfly.common.node.Node;
import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Mono;

/**
 * Honors the manager's verdict on seed nodes (docs/architecture.md#failure-detection-and-ejection, "manager → each scheduler / seed"): a seed
 * the manager EJECTED is never a parent, one it is PROBING is on probation. A host is matched to its
 * node by the address it announced, the one the manager probes. Hosts the manager does not list
 * (normal peers) and nodes it lists as ACTIVE or INACTIVE are left to the other policies.
 */
public final class ManagerEjectionPolicy implements HostEjectionPolicy {

	private final ManagedNodes nodes;

	public ManagerEjectionPolicy(ManagedNodes nodes) {
		this.nodes = nodes;
	}

	@Override
	public HostVerdict judge(HostRecord host, HostStats stats, HostBreaker breaker, @Nullable String requesterPeerId) {
		HostAnnounce announce = host.announce();
		Node node = nodes.seedAt(announce.ip(), announce.port());
		if (node == null) {
			return HostVerdict.HEALTHY;
		}
		return switch (node.state()) {
			case EJECTED -> new HostVerdict(HostCondition.EJECTED,
					"manager: " + ((node.reason() != null) ? node.reason() : "ejected"), HostVerdict.NOT_TRACKED);
			case PROBING -> new HostVerdict(HostCondition.PROBATION,
					"manager: probing" + ((node.reason() != null) ? " after " + node.reason() : ""), HostVerdict.NOT_TRACKED);
			case ACTIVE, INACTIVE -> HostVerdict.HEALTHY;
		};
	}

	@Override
	public Mono<Void> refresh() {
		return nodes.refresh();
	}

}
