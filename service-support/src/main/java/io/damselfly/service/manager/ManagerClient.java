package io.damselfly.service.manager;

import java.util.List;

import io.damselfly.common.cluster.ClusterConfig;
import io.damselfly.common.node.Node;
import io.damselfly.common.node.NodeRegistration;
import io.damselfly.common.node.NodeState;
import io.damselfly.common.node.NodeType;
import io.damselfly.service.web.WebClients;
import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Mono;
import reactor.netty.http.client.HttpClient;

import org.springframework.core.ParameterizedTypeReference;
import org.springframework.http.HttpStatus;
import org.springframework.web.reactive.function.client.WebClient;
import org.springframework.web.reactive.function.client.WebClientResponseException;

/**
 * The one client of the manager's API (docs/architecture.md#components): node registration and keepalive, node listing and
 * cluster config. Every call is bounded by {@link ManagerProperties#timeout()}.
 */
public class ManagerClient {

	private static final ParameterizedTypeReference<List<Node>> NODE_LIST = new ParameterizedTypeReference<>() {
	};

	private final WebClient web;

	private final ManagerProperties properties;

	/**
	 * @param builder Boot's {@code WebClient.Builder} (codecs, observation and any customizer of the
	 * service), cloned here before it is configured
	 */
	public ManagerClient(WebClient.Builder builder, ManagerProperties properties) {
		this.properties = properties;
		this.web = WebClients.withTimeouts(builder, HttpClient.create(), properties.timeout(), properties.timeout())
			.baseUrl(properties.url().toString()).build();
	}

	public Mono<Node> register(NodeRegistration registration) {
		return web.post().uri("/api/v1/nodes").bodyValue(registration).retrieve().bodyToMono(Node.class)
			.timeout(properties.timeout());
	}

	/**
	 * Keeps a node alive. Completes empty when the manager does not know the node (it must register
	 * again), so a caller cannot mistake that for a transport failure.
	 */
	public Mono<Node> keepalive(String nodeId) {
		return web.post().uri("/api/v1/nodes/{id}/keepalive", nodeId).retrieve().bodyToMono(Node.class)
			.onErrorResume(WebClientResponseException.NotFound.class, (ex) -> Mono.empty())
			.timeout(properties.timeout());
	}

	/** Nodes filtered by type, state and cluster (each optional). */
	public Mono<List<Node>> nodes(@Nullable NodeType type, @Nullable NodeState state, @Nullable String clusterId) {
		return web.get().uri((b) -> {
			b.path("/api/v1/nodes");
			if (type != null) {
				b.queryParam("type", type);
			}
			if (state != null) {
				b.queryParam("state", state);
			}
			if (clusterId != null) {
				b.queryParam("cluster", clusterId);
			}
			return b.build();
		}).retrieve().bodyToMono(NODE_LIST).timeout(properties.timeout());
	}

	public Mono<ClusterConfig> clusterConfig(String clusterId) {
		return web.get().uri("/api/v1/clusters/{id}/config", clusterId).retrieve().bodyToMono(ClusterConfig.class)
			.timeout(properties.timeout());
	}

	/** True when the error means "the manager answered 404", as opposed to an outage. */
	public static boolean isNotFound(Throwable ex) {
		return ex instanceof WebClientResponseException response
				&& response.getStatusCode().value() == HttpStatus.NOT_FOUND.value();
	}

}
