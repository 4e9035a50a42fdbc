package io.damselfly.service.manager;

import java.time.Duration;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicReference;

import io.damselfly.common.node.Node;
import io.damselfly.common.node.NodeRegistration;
import io.damselfly.service.lifecycle.PeriodicTask;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.publisher.Mono;

import org.springframework.boot.web.server.context.WebServerInitializedEvent;
import org.springframework.context.ApplicationListener;
import org.springframework.context.SmartLifecycle;
import org.springframework.web.reactive.function.client.WebClientException;

/**
 * Registers this node with the manager once the web server is up, then keeps it alive; does nothing
 * unless {@code damselfly.node.register=true}. A manager that
 * is down or has forgotten the node is retried every interval, so a node never needs a restart to
 * rejoin.
 */
public class NodeRegistrar implements ApplicationListener<WebServerInitializedEvent>, SmartLifecycle {

	private static final Logger logger = LoggerFactory.getLogger(NodeRegistrar.class);

	private final ManagerClient manager;

	private final NodeProperties properties;

	private final String scheme;

	private final AtomicReference<@Nullable Node> node = new AtomicReference<>();

	private final PeriodicTask loop;

	private volatile @Nullable NodeRegistration registration;

	private volatile boolean lastCallFailed;

	/**
	 * @param scheme what this node serves, {@code http} or {@code https}
	 * ({@link io.damselfly.service.tls.ServerScheme})
	 */
	public NodeRegistrar(ManagerClient manager, NodeProperties properties, String scheme) {
		this.manager = manager;
		this.properties = properties;
		this.scheme = scheme;
		this.loop = PeriodicTask.atFixedRate("registration with the manager", Duration.ZERO,
				properties.keepaliveInterval(), this::beat).manualStart();
	}

	@Override
	public void onApplicationEvent(WebServerInitializedEvent event) {
		if (!properties.register()) {
			return;
		}
		if (event.getApplicationContext().getParent() != null
				&& "management".equals(event.getApplicationContext().getServerNamespace())) {
			return;
		}
		int port = (properties.advertisePort() > 0) ? properties.advertisePort() : event.getWebServer().getPort();
		registration = new NodeRegistration(properties.type(), properties.clusterId(), properties.advertiseHost(), port,
				properties.idc(), properties.location(), scheme);
		loop.start();
	}

	/** The id this node registers under, or null before its web server has bound its port. */
	public @Nullable String nodeId() {
		NodeRegistration current = registration;
		return (current != null) ? current.nodeId() : null;
	}

	private Mono<Node> beat() {
		NodeRegistration current = registration;
		if (current == null) {
			return Mono.empty();
		}
		Node known = node.get();
		Mono<Node> call = (known == null) ? manager.register(current)
				: manager.keepalive(known.id()).switchIfEmpty(Mono.defer(() -> {
					logger.info("Manager forgot node {}: registering again", known.id());
					return manager.register(current);
				}));
		return call.doOnNext((n) -> {
			if (node.getAndSet(n) == null || lastCallFailed) {
				logger.info("Registered with manager {} as {} ({}) state={}", properties.type(), n.id(), n.url(),
						n.state());
			}
			lastCallFailed = false;
		})
			// Fail-open: an unreachable manager must not stop this node serving; keep trying each interval.
			.onErrorResume(WebClientException.class, (ex) -> unreachable(current, ex))
			.onErrorResume(TimeoutException.class, (ex) -> unreachable(current, ex));
	}

	private Mono<Node> unreachable(NodeRegistration current, Exception ex) {
		if (!lastCallFailed) {
			logger.warn("Cannot reach manager to register/keep alive {}: {}", current.nodeId(), ex.toString());
		}
		lastCallFailed = true;
		return Mono.empty();
	}

	/** The node as the manager last acknowledged it, or null before the first success. */
	public @Nullable Node node() {
		return node.get();
	}

	/** Starts with the web server's port ({@link #onApplicationEvent}), not with the context. */
	@Override
	public void start() {
	}

	@Override
	public void stop() {
		loop.stop();
	}

	@Override
	public boolean isRunning() {
		return loop.isRunning();
	}

}
