package io.damselfly.cli.cluster;

import java.util.List;

/**
 * One process of a planned cluster.
 *
 * @param name node name ({@code manager}, {@code scheduler-1}, {@code seed-2}, {@code peer-3}, ...)
 * @param kind what runs
 * @param port its HTTP port (or Redis port)
 * @param properties Spring properties passed as {@code --key=value}
 * @param proxyPort the port of its proxy listener (peers and seeds), 0 when it runs none,
 * {@link #PROXY_PORT_AUTO} for a free port chosen when it starts
 */
public record NodeSpec(String name, NodeKind kind, int port, List<String> properties, int proxyPort) {

	/** A proxy port to be chosen (a free one) when the node starts. */
	public static final int PROXY_PORT_AUTO = -1;

	public NodeSpec(String name, NodeKind kind, int port, List<String> properties) {
		this(name, kind, port, properties, 0);
	}

	/** The same node with its proxy listener moved to {@code newPort}. */
	public NodeSpec withProxyPort(int newPort) {
		List<String> moved = properties.stream()
			.map((p) -> p.startsWith(ClusterPlan.PROXY_PORT + "=") ? ClusterPlan.PROXY_PORT + "=" + newPort : p)
			.toList();
		return new NodeSpec(name, kind, port, moved, newPort);
	}

	/** Its base URL: {@code https://} when its settings make it serve TLS ({@code server.ssl.bundle}). */
	public String url() {
		boolean tls = properties.stream().anyMatch((p) -> p.startsWith("server.ssl.bundle="));
		return (tls ? "https" : "http") + "://127.0.0.1:" + port;
	}

}
