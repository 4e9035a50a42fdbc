package io.damselfly.service.manager;

import java.net.URI;
import java.util.List;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;

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
import org.springframework.web.reactive.function.client.WebClientRequestException;
import org.springframework.web.reactive.function.client.WebClientResponseException;

/**
 * The one client of the manager's API (docs/architecture.md#components): node registration and keepalive, node listing and
 * cluster config. Every call is bounded by {@link ManagerProperties#timeout()}.
 * <p>
 * With several managers ({@code damselfly.manager.urls}, docs/architecture.md#past-one-machine) any live
 * one will do, since they share Redis: a call goes to the manager that answered last and, when that one
 * cannot be reached, times out or answers 5xx, to the next one, each manager tried once per call. A 4xx
 * is an answer, not an outage, and is never retried elsewhere.
 */
public class ManagerClient {

	private static final ParameterizedTypeReference<List<Node>> NODE_LIST = new ParameterizedTypeReference<>() {
	};

	private final List<WebClient> managers;

	private final List<URI> urls;

	private final AtomicInteger preferred = new AtomicInteger();

	private final ManagerProperties properties;

	/**
	 * @param builder Boot's {@code WebClient.Builder} (codecs, observation and any customizer of the
	 * service), cloned here before it is configured
	 * @param http the client for calls to other nodes ({@link io.damselfly.service.tls.ClusterHttpClients})
	 */
	public ManagerClient(WebClient.Builder builder, HttpClient http, ManagerProperties properties) {
		this.properties = properties;
		this.urls = properties.endpoints();
		this.managers = urls.stream()
			.map((url) -> WebClients.withTimeouts(builder.clone(), http, properties.timeout(),
					properties.timeout()).baseUrl(url.toString()).build())
			.toList();
	}

	/** The manager calls go to first now: the one that answered last. */
	public URI currentUrl() {
		return urls.get(preferred.get());
	}

	/** Runs a call on the preferred manager, then on each other one while the error is an outage. */
	private <T> Mono<T> call(Function<WebClient, Mono<T>> request) {
		return Mono.defer(() -> attempt(request, preferred.get(), 0));
	}

	private <T> Mono<T> attempt(Function<WebClient, Mono<T>> request, int index, int tried) {
		return request.apply(managers.get(index))
			.timeout(properties.timeout())
			.doOnSuccess((answer) -> preferred.set(index))
			// Fail over only on an outage of this manager; the next one shares its Redis, so it answers the same.
			.onErrorResume(ManagerClient::isOutage, (ex) -> (tried + 1 < managers.size())
					? attempt(request, (index + 1) % managers.size(), tried + 1) : Mono.error(ex));
	}

	/** Unreachable, too slow, or a 5xx: worth asking another manager. */
	public static boolean isOutage(Throwable ex) {
		return ex instanceof WebClientRequestException || ex instanceof TimeoutException
				|| (ex instanceof WebClientResponseException response && response.getStatusCode().is5xxServerError());
	}

	public Mono<Node> register(NodeRegistration registration) {
		return call((web) -> web.post().uri("/api/v1/nodes").bodyValue(registration).retrieve().bodyToMono(Node.class));
	}

	/**
	 * Keeps a node alive. Completes empty when the manager does not know the node (it must register
	 * again), so a caller cannot mistake that for a transport failure.
	 */
	public Mono<Node> keepalive(String nodeId) {
		return call((web) -> web.post().uri("/api/v1/nodes/{id}/keepalive", nodeId).retrieve().bodyToMono(Node.class)
			.onErrorResume(WebClientResponseException.NotFound.class, (ex) -> Mono.empty()));
	}

	/** Nodes filtered by type, state and cluster (each optional). */
	public Mono<List<Node>> nodes(@Nullable NodeType type, @Nullable NodeState state, @Nullable String clusterId) {
		return call((web) -> web.get().uri((b) -> {
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
		}).retrieve().bodyToMono(NODE_LIST));
	}

	public Mono<ClusterConfig> clusterConfig(String clusterId) {
		return call((web) -> web.get().uri("/api/v1/clusters/{id}/config", clusterId).retrieve()
			.bodyToMono(ClusterConfig.class));
	}

	/** True when the error means "the manager answered 404", as opposed to an outage. */
	public static boolean isNotFound(Throwable ex) {
		return ex instanceof WebClientResponseException response
				&& response.getStatusCode().value() == HttpStatus.NOT_FOUND.value();
	}

}
