package io.damselfly.peer.support;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import io.damselfly.common.node.Node;
import io.damselfly.common.node.NodeRegistration;
import io.damselfly.common.node.NodeState;
import reactor.core.publisher.Mono;
import reactor.netty.DisposableServer;
import reactor.netty.http.server.HttpServer;
import tools.jackson.databind.json.JsonMapper;

/** A stand-in for the manager's node registry: register, keepalive and list; every node is ACTIVE. */
public final class StandInManager implements AutoCloseable {

	private final JsonMapper json = JsonMapper.builder().build();

	private final Map<String, Node> nodes = new ConcurrentHashMap<>();

	private final DisposableServer server;

	public StandInManager() {
		server = HttpServer.create().host("127.0.0.1").port(0).route((r) -> r
			.post("/api/v1/nodes", (req, res) -> req.receive().aggregate().asByteArray().flatMap((body) -> {
				NodeRegistration reg = json.readValue(body, NodeRegistration.class);
				Instant now = Instant.now();
				Node node = new Node(reg.nodeId(), reg.type(), reg.clusterId(), reg.url(), reg.host(), reg.port(),
						reg.idc(), reg.location(), NodeState.ACTIVE, null, now, now, now);
				nodes.put(node.id(), node);
				return res.header("Content-Type", "application/json").sendByteArray(Mono.just(json.writeValueAsBytes(node)))
					.then();
			}))
			.post("/api/v1/nodes/{id}/keepalive", (req, res) -> {
				Node node = nodes.get(req.param("id"));
				return (node == null) ? res.status(404).send()
						: res.header("Content-Type", "application/json")
							.sendByteArray(Mono.just(json.writeValueAsBytes(node)));
			})
			.get("/api/v1/nodes", (req, res) -> {
				String query = req.uri().contains("?") ? req.uri().substring(req.uri().indexOf('?') + 1) : "";
				List<Node> list = nodes.values().stream()
					.filter((n) -> !query.contains("type=") || query.contains("type=" + n.type().name()))
					.toList();
				return res.header("Content-Type", "application/json").sendByteArray(Mono.just(json.writeValueAsBytes(list)));
			}))
			.bindNow();
	}

	public String url() {
		return "http://127.0.0.1:" + server.port();
	}

	public Map<String, Node> nodes() {
		return nodes;
	}

	@Override
	public void close() {
		server.disposeNow();
	}

}
