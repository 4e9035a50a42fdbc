package io.damselfly.cli.command;

import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

import io.damselfly.cli.ExitCodes;
import io.damselfly.cli.cluster.ClusterState;
import io.damselfly.cli.cluster.NodeKind;
import io.damselfly.cli.cluster.NodeRecord;
import io.damselfly.cli.http.Http;
import io.damselfly.common.node.Node;
import io.damselfly.common.node.NodeState;
import io.damselfly.common.node.NodeType;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code status} and {@code status --json} show the same view, built from the cluster state and the
 * nodes' answers; here the answers are scripted, so no process is started.
 */
class StatusViewTests {

	private static final Path RUN_DIR = Path.of("/tmp/damselfly-run");

	private final ClusterState state = new ClusterState("http://127.0.0.1:8081", "http://127.0.0.1:8080",
			"redis://127.0.0.1:6380",
			List.of(node("redis", NodeKind.REDIS, 6380, 0), node("manager", NodeKind.MANAGER, 8081, 0),
					node("scheduler-1", NodeKind.SCHEDULER, 8082, 0), node("seed-1", NodeKind.SEED, 8090, 9090),
					node("seed-2", NodeKind.SEED, 8091, 9091), node("peer-1", NodeKind.PEER, 8100, 9100),
					node("peer-2", NodeKind.PEER, 8101, 9101), node("gateway", NodeKind.GATEWAY, 8080, 0)));

	private static NodeRecord node(String name, NodeKind kind, int port, int proxyPort) {
		return new NodeRecord(name, kind, port, "http://127.0.0.1:" + port, 1000 + port, null, List.of("java"),
				name + ".log", proxyPort);
	}

	private static Node registered(int port, NodeType type, NodeState state, @Nullable String reason) {
		Instant now = Instant.parse("2025-01-01T00:00:00Z");
		return new Node(type + "-" + port, type, "default", "http://127.0.0.1:" + port, "127.0.0.1", port, null, null,
				state, reason, now, now, now);
	}

	/** Everything runs but peer-2; seed-2 is ejected, seed-1 ready and active. */
	private static final class ScriptedProbe implements StatusProbe {

		Set<String> stopped = Set.of("peer-2");

		Set<String> unready = Set.of("peer-1");

		StatusProbe.Registry registry = StatusProbe.Registry.of(List.of(
				registered(8082, NodeType.SCHEDULER, NodeState.ACTIVE, null),
				registered(8090, NodeType.SEED_PEER, NodeState.ACTIVE, null),
				registered(8091, NodeType.SEED_PEER, NodeState.EJECTED, "diskSpace: used 91% > 85%")));

		final List<List<String>> managersAsked = new ArrayList<>();

		@Override
		public boolean alive(NodeRecord node) {
			return !stopped.contains(node.name());
		}

		@Override
		public boolean ready(NodeRecord node) {
			return !unready.contains(node.name());
		}

		@Override
		public StatusProbe.Registry registry(List<String> managerUrls) {
			managersAsked.add(managerUrls);
			return registry;
		}

		@Override
		public @Nullable String redisRole(int port) {
			return "master";
		}

		@Override
		public StatusView.SchedulerView host(String schedulerUrl, String name) {
			return switch (name) {
				case "seed-1" -> StatusView.SchedulerView.of(Http.JSON
					.readTree("{\"health\":{\"status\":\"HEALTHY\"},\"breaker\":\"CLOSED\"}"));
				case "seed-2" -> StatusView.SchedulerView.of(Http.JSON.readTree(
						"{\"health\":{\"status\":\"SICK\",\"reason\":\"3 failed pieces\"},\"breaker\":\"OPEN\"}"));
				case "peer-1" -> StatusView.SchedulerView.unknown();
				default -> StatusView.SchedulerView.failed("scheduler unreachable");
			};
		}

	}

	@Test
	void theJsonDocumentHasTheTablesFactsForEveryNode() {
		ScriptedProbe probe = new ScriptedProbe();

		JsonNode json = Http.JSON.readTree(StatusView.of(RUN_DIR, state, probe).toJson());

		assertThat(json.propertyNames()).containsExactly("runDir", "managerUrl", "gatewayUrl", "managerAnswered",
				"managerError", "schedulerUrl", "nodes");
		assertThat(json.get("runDir").asString()).isEqualTo(RUN_DIR.toString());
		assertThat(json.get("managerUrl").asString()).isEqualTo("http://127.0.0.1:8081");
		assertThat(json.get("managerAnswered").asBoolean()).isTrue();
		assertThat(json.get("managerError").isNull()).isTrue();
		assertThat(json.get("schedulerUrl").asString()).isEqualTo("http://127.0.0.1:8082");
		assertThat(json.get("nodes").valueStream().map((n) -> n.get("name").asString())).containsExactly("redis",
				"manager", "scheduler-1", "seed-1", "seed-2", "peer-1", "peer-2", "gateway");

		JsonNode seed2 = byName(json, "seed-2");
		assertThat(seed2.propertyNames()).containsExactly("name", "kind", "url", "pid", "process", "ready", "redisRole",
				"manager", "scheduler", "proxyUrl");
		assertThat(seed2.get("kind").asString()).isEqualTo("SEED");
		assertThat(seed2.get("url").asString()).isEqualTo("http://127.0.0.1:8091");
		assertThat(seed2.get("pid").asLong()).isEqualTo(9091);
		assertThat(seed2.get("process").asString()).isEqualTo("running");
		assertThat(seed2.get("ready").asBoolean()).isTrue();
		assertThat(seed2.get("manager").get("state").asString()).isEqualTo("EJECTED");
		assertThat(seed2.get("manager").get("reason").asString()).isEqualTo("diskSpace: used 91% > 85%");
		assertThat(seed2.get("scheduler").get("known").asBoolean()).isTrue();
		assertThat(seed2.get("scheduler").get("health").asString()).isEqualTo("SICK");
		assertThat(seed2.get("scheduler").get("reason").asString()).isEqualTo("3 failed pieces");
		assertThat(seed2.get("scheduler").get("breaker").asString()).isEqualTo("OPEN");
		assertThat(seed2.get("proxyUrl").asString()).isEqualTo("http://127.0.0.1:9091");

		assertThat(byName(json, "redis").get("redisRole").asString()).isEqualTo("master");
		assertThat(byName(json, "redis").get("manager").isNull()).isTrue();
		assertThat(byName(json, "seed-1").get("manager").get("reason").isNull()).isTrue();
		assertThat(byName(json, "gateway").get("scheduler").isNull()).isTrue();
		assertThat(byName(json, "gateway").get("proxyUrl").isNull()).isTrue();
		assertThat(byName(json, "peer-1").get("ready").asBoolean()).isFalse();
		assertThat(byName(json, "peer-1").get("scheduler").get("known").asBoolean()).isFalse();
	}

	@Test
	void aStoppedNodeIsNeitherReadyNorUnready() {
		JsonNode peer2 = byName(Http.JSON.readTree(StatusView.of(RUN_DIR, state, new ScriptedProbe()).toJson()),
				"peer-2");

		assertThat(peer2.get("process").asString()).isEqualTo("stopped");
		assertThat(peer2.get("ready").isNull()).isTrue();
		assertThat(peer2.get("scheduler").get("error").asString()).isEqualTo("scheduler unreachable");
	}

	@Test
	void aSchedulerOrSeedMissingFromAnAnsweringRegistryIsNotRegistered() {
		ScriptedProbe probe = new ScriptedProbe();
		probe.registry = StatusProbe.Registry.of(List.of());

		StatusView view = StatusView.of(RUN_DIR, state, probe);

		assertThat(view.managerAnswered()).isTrue();
		assertThat(node(view, "seed-1").manager()).isEqualTo(new StatusView.ManagerView("NOT_REGISTERED", null));
		assertThat(view.table()).noneMatch((line) -> line.contains("did not answer"));
	}

	@Test
	void withoutAManagerTheManagerViewIsNullAndTheTableSaysWhy() {
		ScriptedProbe probe = new ScriptedProbe();
		probe.registry = StatusProbe.Registry.failed(0, "cannot reach http://127.0.0.1:8081/api/v1/nodes: connection refused");

		StatusView view = StatusView.of(RUN_DIR, state, probe);
		JsonNode json = Http.JSON.readTree(view.toJson());

		assertThat(json.get("managerAnswered").asBoolean()).isFalse();
		assertThat(json.get("managerError").get("status").isNull()).isTrue();
		assertThat(json.get("managerError").get("message").asString()).contains("connection refused");
		assertThat(byName(json, "seed-2").get("manager").isNull()).isTrue();
		assertThat(view.table()).last().isEqualTo("(the manager at http://127.0.0.1:8081 did not answer: "
				+ "cannot reach http://127.0.0.1:8081/api/v1/nodes: connection refused)");
		assertThat(view.exitCode()).isEqualTo(ExitCodes.OK);
	}

	@Test
	void theManagerIsAskedFirstThenEveryRunningManager() {
		ScriptedProbe probe = new ScriptedProbe();

		StatusView.of(RUN_DIR, new ClusterState("http://127.0.0.1:8081", "http://127.0.0.1:8080", "redis://x",
				List.of(node("manager", NodeKind.MANAGER, 8081, 0), node("manager-2", NodeKind.MANAGER, 8071, 0))), probe);

		assertThat(probe.managersAsked).containsExactly(List.of("http://127.0.0.1:8081", "http://127.0.0.1:8071"));
	}

	@Test
	void theTableShowsTheSameView() {
		List<String> table = StatusView.of(RUN_DIR, state, new ScriptedProbe()).table();

		assertThat(table.get(0)).startsWith("NODE").contains("PROCESS", "READY", "MANAGER", "SCHEDULER (host health)");
		assertThat(line(table, "redis")).contains("running", "yes", "redis master");
		assertThat(line(table, "seed-1")).contains("ACTIVE", "HEALTHY breaker=CLOSED", "proxy=http://127.0.0.1:9090");
		assertThat(line(table, "seed-2")).contains("EJECTED (diskSpace: used 91% > 85%)",
				"SICK (3 failed pieces) breaker=OPEN");
		assertThat(line(table, "peer-1")).contains(" no ", "unknown (no announce)");
		assertThat(line(table, "peer-2")).contains("stopped", "scheduler unreachable");
		assertThat(line(table, "gateway")).doesNotContain("proxy=");
		assertThat(table).hasSize(1 + state.nodes().size());
	}

	@Test
	void withoutARunningSchedulerNoHostIsJudged() {
		ScriptedProbe probe = new ScriptedProbe();
		probe.stopped = Set.of("scheduler-1");

		StatusView view = StatusView.of(RUN_DIR, state, probe);

		assertThat(view.schedulerUrl()).isNull();
		assertThat(view.nodes()).allMatch((n) -> n.scheduler() == null);
	}

	@Test
	void theExitCodeSaysWhetherAnythingRunsAndWhetherTheManagerLetUsIn() {
		ScriptedProbe probe = new ScriptedProbe();
		assertThat(StatusView.of(RUN_DIR, state, probe).exitCode()).isEqualTo(ExitCodes.OK);

		probe.registry = StatusProbe.Registry.failed(401, "401 from http://127.0.0.1:8081/api/v1/nodes: bad token");
		StatusView refused = StatusView.of(RUN_DIR, state, probe);
		assertThat(refused.exitCode()).isEqualTo(ExitCodes.REFUSED);
		assertThat(refused.managerError()).isEqualTo(new StatusView.ManagerError(401,
				"401 from http://127.0.0.1:8081/api/v1/nodes: bad token"));

		probe.stopped = Set.copyOf(state.nodes().stream().map(NodeRecord::name).toList());
		assertThat(StatusView.of(RUN_DIR, state, probe).exitCode()).isEqualTo(ExitCodes.NO_CLUSTER);
	}

	private static JsonNode byName(JsonNode json, String name) {
		return json.get("nodes").valueStream().filter((n) -> n.get("name").asString().equals(name)).findFirst()
			.orElseThrow();
	}

	private static StatusView.NodeView node(StatusView view, String name) {
		return view.nodes().stream().filter((n) -> n.name().equals(name)).findFirst().orElseThrow();
	}

	private static String line(List<String> table, String name) {
		return table.stream().filter((l) -> l.startsWith(name + " ")).findFirst().orElseThrow();
	}

}
