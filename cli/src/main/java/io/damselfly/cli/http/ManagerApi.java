package io.damselfly.cli.http;

import java.util.Arrays;
import java.util.List;

import io.damselfly.common.node.Node;
import io.damselfly.common.node.NodeState;
import io.damselfly.common.node.NodeType;

/** The manager's registry API, as the CLI reads it. */
public final class ManagerApi {

	private final String baseUrl;

	public ManagerApi(String baseUrl) {
		this.baseUrl = baseUrl;
	}

	public List<Node> nodes() {
		return Arrays.asList(Http.get(baseUrl + "/api/v1/nodes", Node[].class));
	}

	public long count(NodeType type, NodeState state) {
		return nodes().stream().filter((n) -> n.type() == type && n.state() == state).count();
	}

}
