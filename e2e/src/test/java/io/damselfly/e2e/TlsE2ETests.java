package io.damselfly.e2e;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import io.damselfly.cli.cluster.ClusterPlan;
import io.damselfly.cli.cluster.NodeKind;
import io.damselfly.cli.cluster.NodeRecord;
import io.damselfly.cli.http.ApiError;
import io.damselfly.cli.http.DownloadRunner;
import io.damselfly.cli.http.Http;
import io.damselfly.cli.http.ManagerApi;
import io.damselfly.common.download.DownloadState;
import io.damselfly.common.node.Node;
import io.damselfly.common.node.NodeType;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import tools.jackson.databind.JsonNode;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * A cluster serving HTTPS everywhere, as {@code ./damselfly up --tls} starts it (1 scheduler, 1 seed, 2
 * peers, manager, gateway; docs/security.md#tls): the nodes register and announce {@code https://}
 * URLs, a file flows from the origin to the peers over TLS with its sha256 checked and the origin
 * serving it once, the gateway answers over HTTPS and routes to the TLS nodes, and plain HTTP to a TLS
 * port gets no answer.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class TlsE2ETests {

	private static final long MIB = 1024 * 1024;

	private static final List<String> PEERS = List.of("peer-1", "peer-2");

	private E2eCluster cluster;

	@BeforeAll
	void startCluster() throws Exception {
		// 19000: ports 25380 and 27080-27150, clear of the other classes' offsets and below Linux's ephemeral
		// ports (32768 and up), which an outgoing connection could hold when the cluster starts.
		cluster = E2eCluster.start("tls", 19000, 1, 1, 2, List.of(), ClusterPlan.redisClusterRequested(), true);
	}

	@AfterAll
	void stopCluster() {
		if (cluster != null) {
			cluster.close();
		}
	}

	@Test
	void nodesRegisterAndAnnounceTheirHttpsUrls() {
		assertThat(cluster.state.tls()).isTrue();
		List<Node> nodes = new ManagerApi(cluster.state.managerUrl()).nodes();
		System.out.println("manager lists " + nodes.stream().map(Node::url).toList());
		assertThat(nodes).extracting(Node::type).contains(NodeType.SCHEDULER, NodeType.SEED_PEER);
		assertThat(nodes).extracting(Node::url).allMatch((url) -> url.startsWith("https://127.0.0.1:"));
		JsonNode hosts = Http.getTree(cluster.node("scheduler-1").url() + "/api/v1/hosts");
		assertThat(hosts.valueStream().map((host) -> host.get("hostId").asString())).contains("seed-1", "peer-1",
				"peer-2");
		assertThat(hosts.valueStream().map((host) -> host.get("scheme").asString())).containsOnly("https");
	}

	@Test
	void fileFlowsPeerToPeerOverTlsAndTheOriginServesItOnce() throws Exception {
		String[] sha = new String[1];
		long size = 20 * MIB + 7;
		String url = cluster.serve("tls.bin", size, true, true, null, sha);

		List<DownloadRunner.Result> results = cluster.downloadAll(PEERS, url, Map.of());

		long fromPeers = 0;
		for (int i = 0; i < results.size(); i++) {
			DownloadRunner.Result result = results.get(i);
			assertThat(result.status().state()).as(PEERS.get(i) + ": " + result.status())
				.isEqualTo(DownloadState.SUCCEEDED);
			assertThat(result.sha256()).as(PEERS.get(i) + " sha256").isEqualTo(sha[0]);
			fromPeers += result.status().bytesFromPeers();
		}
		long originBytes = cluster.origin.bytesSent("tls.bin");
		System.out.printf("tls.bin: %d bytes, origin sent %d (%.3f×), peers took %d from other peers%n", size,
				originBytes, (double) originBytes / size, fromPeers);
		assertThat(originBytes).as("origin egress").isLessThanOrEqualTo((long) Math.ceil(size * 1.05));
		assertThat(fromPeers).as("bytes that crossed from peer to peer over TLS").isPositive();
	}

	@Test
	void gatewayAnswersOverHttpsAndRoutesToTheTlsNodes() {
		String gateway = cluster.state.gatewayUrl();
		assertThat(gateway).startsWith("https://");
		assertThat(Http.getTree(gateway + "/api/v1/nodes").valueStream().map((node) -> node.get("url").asString()))
			.as("the manager's answer, over TLS both ways").isNotEmpty().allMatch((u) -> u.startsWith("https://"));
		assertThatExceptionOfType(ApiError.class)
			.isThrownBy(() -> Http.getTree(gateway + "/api/v1/tasks/" + "0".repeat(64)))
			.satisfies((ex) -> assertThat(ex.status()).as("a scheduler's answer: no such task").isEqualTo(404));
	}

	@Test
	void plainHttpToATlsPortGetsNoAnswer() {
		HttpClient plain = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
		for (NodeRecord node : cluster.state.nodes()) {
			if (node.kind() == NodeKind.REDIS) {
				continue;
			}
			URI url = URI.create(node.url().replace("https://", "http://") + "/actuator/health/readiness");
			HttpRequest request = HttpRequest.newBuilder(url).timeout(Duration.ofSeconds(10)).GET().build();
			assertThatThrownBy(() -> plain.send(request, HttpResponse.BodyHandlers.ofString())).as(url.toString())
				.isInstanceOf(IOException.class);
		}
	}

}
