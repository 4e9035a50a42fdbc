package io.damselfly.cli.http;

import java.util.Map;

import tools.jackson.databind.JsonNode;

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

	/** Starts a preheat job; the manager's answer (a job view) as a tree. */
	public JsonNode preheat(Map<String, Object> request) {
		return Http.post(baseUrl + "/api/v1/jobs", request, JsonNode.class);
	}

	public JsonNode job(String id) {
		return Http.getTree(baseUrl + "/api/v1/jobs/" + id);
	}

	public long count(NodeType type, NodeState state) {
		return nodes().stream().filter((n) -> n.type() == type && n.state() == state).count();
	}

}
