package io.damselfly.scheduler.host;

import io.damselfly.common.node.Node;
import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Mono;

/** The seed nodes the manager lists, in every state, as last fetched; implemented by the seed package. */
public interface ManagedNodes {

	/** Fetches the list again when it is stale; waits only for the very first fetch. */
	Mono<Void> refresh();

	/** The manager's seed node at this address ({@code host:port} as the host announced it), null when none. */
	@Nullable Node seedAt(String host, int port);

}
