package io.damselfly.manager.cluster.api;

import io.damselfly.common.cluster.ClusterConfig;
import io.damselfly.common.id.Ids;
import io.damselfly.manager.cluster.store.ClusterConfigRepository;
import jakarta.validation.Valid;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.publisher.Mono;

import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code /api/v1/clusters/{id}/config}: a cluster's scheduling configuration. A cluster that never had
 * one is served {@link ClusterConfig#DEFAULTS}; a PUT replaces it whole, fields left out taking their
 * defaults, and a value out of range is a 400 that names the field.
 */
@RestController
@RequestMapping("/api/v1/clusters/{clusterId}/config")
public class ClusterConfigController {

	private static final Logger logger = LoggerFactory.getLogger(ClusterConfigController.class);

	private final ClusterConfigRepository configs;

	public ClusterConfigController(ClusterConfigRepository configs) {
		this.configs = configs;
	}

	@GetMapping
	public Mono<ClusterConfig> get(@PathVariable String clusterId) {
		Ids.requireClusterId(clusterId);
		return configs.find(clusterId).defaultIfEmpty(ClusterConfig.DEFAULTS);
	}

	@PutMapping
	public Mono<ClusterConfig> put(@PathVariable String clusterId, @Valid @RequestBody ClusterConfig config) {
		Ids.requireClusterId(clusterId);
		return configs.save(clusterId, config)
			.doOnNext((saved) -> logger.info("Cluster {} config replaced: {}", clusterId, saved));
	}

}
