package io.damselfly.scheduler.support;

import java.time.Duration;
import java.time.Instant;

import io.damselfly.common.auth.TokenGrant;
import io.damselfly.testsupport.security.TestTokens;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicReference;

import io.damselfly.common.cluster.ClusterConfig;
import io.damselfly.common.download.DownloadAccepted;
import io.damselfly.common.download.DownloadRequest;
import io.damselfly.common.node.Node;
import io.damselfly.common.node.NodeRegistration;
import io.damselfly.common.node.NodeState;
import io.damselfly.common.node.NodeType;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.QueryStringDecoder;
import org.reactivestreams.Publisher;
import reactor.core.publisher.Mono;
import reactor.netty.DisposableServer;
import reactor.netty.http.server.HttpServer;
import reactor.netty.http.server.HttpServerResponse;
import tools.jackson.databind.json.JsonMapper;

/**
 * A real HTTP server on a free loopback port standing in for the manager ({@code /api/v1/nodes},
 * {@code /api/v1/clusters/{id}/config}) and for a seed peer ({@code POST /api/v1/downloads}). It
 * records what it received.
 */
public final class StandInServer implements AutoCloseable {

	private final JsonMapper json = JsonMapper.builder().build();

	/** The cluster config the manager serves. */
	public final AtomicReference<ClusterConfig> config = new AtomicReference<>(ClusterConfig.DEFAULTS);

	/** The nodes the manager lists. */
	public final List<Node> nodes = new CopyOnWriteArrayList<>();

	/** Download requests received as a seed. */
	public final List<DownloadRequest> downloads = new CopyOnWriteArrayList<>();

	/** The Authorization header of each download request received as a seed. */
	public final List<String> downloadAuthorizations = new CopyOnWriteArrayList<>();

	/** Node registrations received as the manager. */
	public final List<NodeRegistration> registrations = new CopyOnWriteArrayList<>();

	/** Node ids kept alive. */
	public final List<String> keepalives = new CopyOnWriteArrayList<>();

	private final DisposableServer server;

	private StandInServer() {
		this.server = HttpServer.create().host("127.0.0.1").port(0).route((routes) -> routes
			// The manager's token endpoint: the scheduler trades its join secret for a token here.
			.post("/api/v1/auth/token", (req, res) -> req.receive().aggregate().asString().flatMap((body) -> {
				String role = json.readTree(body).get("role").asString();
				return Mono.from(send(res, new TokenGrant(TestTokens.shared().token(role), role,
						Instant.now().plus(Duration.ofMinutes(15)))));
			}))
			.get("/api/v1/clusters/{id}/config", (req, res) -> send(res, config.get()))
			.get("/api/v1/nodes", (req, res) -> {
				Map<String, List<String>> params = new QueryStringDecoder(req.uri()).parameters();
				List<Node> listed = nodes.stream()
					.filter((n) -> !params.containsKey("type") || n.type().name().equals(params.get("type").get(0)))
					.filter((n) -> !params.containsKey("state") || n.state().name().equals(params.get("state").get(0)))
					.filter((n) -> !params.containsKey("cluster") || n.clusterId().equals(params.get("cluster").get(0)))
					.toList();
				return send(res, listed);
			})
			.post("/api/v1/nodes", (req, res) -> req.receive().aggregate().asString().flatMap((body) -> {
				NodeRegistration registration = json.readValue(body, NodeRegistration.class);
				registrations.add(registration);
				return Mono.from(send(res, node(registration.nodeId(), registration.type(), registration.host(),
						registration.port())));
			}))
			.post("/api/v1/nodes/{id}/keepalive", (req, res) -> {
				String id = req.param("id");
				keepalives.add(id);
				return send(res, node(id, NodeType.SCHEDULER, "127.0.0.1", 1));
			})
			.post("/api/v1/downloads", (req, res) -> req.receive().aggregate().asString().flatMap((body) -> {
				downloadAuthorizations.add(String.valueOf(req.requestHeaders().get("Authorization")));
				downloads.add(json.readValue(body, DownloadRequest.class));
				return Mono.from(res.status(HttpResponseStatus.ACCEPTED).header("content-type", "application/json")
					.sendString(Mono.just(json.writeValueAsString(new DownloadAccepted("d-" + downloads.size(), "t"))))
					.then());
			}))).bindNow();
	}

	public static StandInServer start() {
		return new StandInServer();
	}

	public String url() {
		return "http://127.0.0.1:" + server.port();
	}

	public int port() {
		return server.port();
	}

	/** This server as an ACTIVE seed node of the default cluster. */
	public Node asSeedNode() {
		return node("seed-127.0.0.1-" + port(), NodeType.SEED_PEER, "127.0.0.1", port());
	}

	private static Node node(String id, NodeType type, String host, int port) {
		Instant now = Instant.now();
		return new Node(id, type, "default", "http://" + host + ":" + port, host, port, null, null, NodeState.ACTIVE,
				null, now, now, now);
	}

	private Publisher<Void> send(HttpServerResponse res, Object body) {
		return res.status(200).header("content-type", "application/json")
			.sendString(Mono.just(json.writeValueAsString(body)));
	}

	@Override
	public void close() {
		server.disposeNow();
	}

}
