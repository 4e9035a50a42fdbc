package io.damselfly.manager.cluster.store;

import io.damselfly.common.cluster.ClusterConfig;
import reactor.core.publisher.Mono;

/** Where each cluster's scheduling configuration lives. It never expires. */
public interface ClusterConfigRepository {

	/** The stored config, or empty when it was never set. */
	Mono<ClusterConfig> find(String clusterId);

	/** Replaces the cluster's config. @return what was stored */
	Mono<ClusterConfig> save(String clusterId, ClusterConfig config);

}
