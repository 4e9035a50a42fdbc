package io.damselfly.peer.proxy;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;

/**
 * Proxy meters: {@code damselfly_proxy_requests_total{dialect, route, status}}, where dialect is
 * {@code mirror}, {@code forward} or {@code connect}, route is {@code p2p}, {@code pass-through} or
 * {@code tunnel}, and status is the answered HTTP status ({@code aborted} for a body cut short).
 */
public class ProxyMetrics {

	private final MeterRegistry registry;

	public ProxyMetrics(MeterRegistry registry) {
		this.registry = registry;
	}

	public void request(String dialect, String route, String status) {
		Counter.builder("damselfly.proxy.requests").tag("dialect", dialect).tag("route", route).tag("status", status)
			.description("Requests answered by the proxy listener").register(registry).increment();
	}

}
