package io.damselfly.cli.cluster;

import java.util.List;

/**
 * One process of a planned cluster.
 *
 * @param name node name ({@code manager}, {@code scheduler-1}, {@code seed-2}, {@code peer-3}, ...)
 * @param kind what runs
 * @param port its HTTP port (or Redis port)
 * @param properties Spring properties passed as {@code --key=value}
 */
public record NodeSpec(String name, NodeKind kind, int port, List<String> properties) {

	public String url() {
		return "http://127.0.0.1:" + port;
	}

}
