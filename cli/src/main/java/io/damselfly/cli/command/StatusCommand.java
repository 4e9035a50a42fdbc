package io.damselfly.cli.command;

import java.io.UncheckedIOException;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

import io.damselfly.cli.DamselflyCli;
import io.damselfly.cli.cluster.ClusterState;
import io.damselfly.cli.cluster.Jars;
import io.damselfly.cli.cluster.LocalCluster;
import io.damselfly.cli.cluster.NodeKind;
import io.damselfly.cli.cluster.NodeRecord;
import io.damselfly.redis.LocalRedisCluster;
import io.damselfly.cli.cluster.Readiness;
import io.damselfly.cli.http.ApiError;
import io.damselfly.cli.http.Http;
import io.damselfly.cli.http.ManagerApi;
import io.damselfly.common.node.Node;
import picocli.CommandLine.Command;
import picocli.CommandLine.ParentCommand;
import tools.jackson.databind.JsonNode;

@Command(name = "status", description = "Each node with its process, readiness, and state as the manager and the schedulers see it.")
public class StatusCommand implements Runnable {

	@ParentCommand
	DamselflyCli parent;

	@Override
	public void run() {
		ClusterState state = new LocalCluster(Jars.home(), parent.runDir("run"), System.out::println).state();
		Map<String, Node> registry = registry(state);
		String scheduler = state.ofKind(NodeKind.SCHEDULER).stream().filter(NodeRecord::alive).map(NodeRecord::url)
			.findFirst().orElse(null);
		System.out.printf("%-12s %-24s %8s %-8s %-6s %-30s %s%n", "NODE", "URL", "PID", "PROCESS", "READY",
				"MANAGER", "SCHEDULER (host health)");
		for (NodeRecord node : state.nodes()) {
			boolean alive = node.alive();
			String ready = alive ? (Readiness.isReady(node) ? "yes" : "no") : "-";
			System.out.printf("%-12s %-24s %8s %-8s %-6s %-30s %s%s%n", node.name(), node.url(),
					(node.pid() > 0) ? node.pid() : "-", alive ? "running" : "stopped", ready,
					managerView(node, registry), schedulerView(node, scheduler), node.proxyColumn());
		}
		if (registry.isEmpty()) {
			System.out.println("(the manager at " + state.managerUrl() + " did not answer)");
		}
	}

	/** The registry as the first manager that answers lists it. */
	private static Map<String, Node> registry(ClusterState state) {
		List<String> managers = new java.util.ArrayList<>(List.of(state.managerUrl()));
		state.ofKind(NodeKind.MANAGER).stream().filter(NodeRecord::alive).map(NodeRecord::url)
			.filter((url) -> !managers.contains(url)).forEach(managers::add);
		for (String manager : managers) {
			try {
				return new ManagerApi(manager).nodes().stream()
					.collect(Collectors.toMap(Node::url, Function.identity(), (a, b) -> a));
			}
			catch (UncheckedIOException | ApiError ex) {
				// this manager is down: ask the next one
			}
		}
		return Map.of();
	}

	private static String managerView(NodeRecord node, Map<String, Node> registry) {
		if (node.kind() == NodeKind.REDIS && node.alive()) {
			return redisRole(node.port());
		}
		if (!List.of(NodeKind.SCHEDULER, NodeKind.SEED).contains(node.kind())) {
			return "-";
		}
		Node known = registry.get(node.url());
		if (known == null) {
			return "not registered";
		}
		return (known.reason() != null) ? known.state() + " (" + known.reason() + ")" : known.state().toString();
	}

	/** A Redis node's replication role (master or replica), from {@code INFO replication}. */
	private static String redisRole(int port) {
		try {
			return LocalRedisCluster.command(port, "INFO", "replication").lines().filter((l) -> l.startsWith("role:"))
				.map((l) -> "redis " + l.substring(5).strip()).findFirst().orElse("-");
		}
		catch (java.io.IOException ex) {
			return "redis unreachable";
		}
	}

	private static String schedulerView(NodeRecord node, String schedulerUrl) {
		if (schedulerUrl == null || !List.of(NodeKind.SEED, NodeKind.PEER).contains(node.kind())) {
			return "-";
		}
		try {
			JsonNode host = Http.getTree(schedulerUrl + "/api/v1/hosts/" + node.name());
			JsonNode health = host.path("health").path("status");
			JsonNode reason = host.path("health").path("reason");
			JsonNode breaker = host.path("breaker");
			String text = health.isMissingNode() ? "known" : health.asString();
			if (reason.isString()) {
				text += " (" + reason.asString() + ")";
			}
			if (breaker.isString()) {
				text += " breaker=" + breaker.asString();
			}
			return text;
		}
		catch (ApiError ex) {
			return (ex.status() == 404) ? "unknown (no announce)" : "error " + ex.status();
		}
		catch (UncheckedIOException ex) {
			return "scheduler unreachable";
		}
	}

}
