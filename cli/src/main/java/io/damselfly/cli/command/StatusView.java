package io.damselfly.cli.command;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import io.damselfly.cli.ExitCodes;
import io.damselfly.cli.cluster.ClusterState;
import io.damselfly.cli.cluster.NodeKind;
import io.damselfly.cli.cluster.NodeRecord;
import io.damselfly.cli.http.Http;
import io.damselfly.common.node.Node;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;

/**
 * What {@code damselfly status} shows, as plain data: built once from the cluster state and the nodes'
 * answers, then rendered as the table or as one JSON document ({@code --json}), so a script reads
 * exactly what a person sees.
 *
 * @param runDir the run directory the cluster state came from
 * @param managerUrl the manager the state names
 * @param gatewayUrl the gateway
 * @param managerAnswered whether a manager listed its registry
 * @param managerError why no manager did, null when one did
 * @param schedulerUrl the running scheduler asked how it judges seeds and peers, null when none runs
 * @param nodes every node of the state, in its order
 */
public record StatusView(String runDir, String managerUrl, String gatewayUrl, boolean managerAnswered,
		@Nullable ManagerError managerError, @Nullable String schedulerUrl, List<NodeView> nodes) {

	private static final List<NodeKind> REGISTERED = List.of(NodeKind.SCHEDULER, NodeKind.SEED);

	private static final List<NodeKind> HOSTS = List.of(NodeKind.SEED, NodeKind.PEER);

	/** Asks {@code probe} about every node of {@code state}. */
	static StatusView of(Path runDir, ClusterState state, StatusProbe probe) {
		List<NodeRecord> alive = state.nodes().stream().filter(probe::alive).toList();
		List<String> managers = new ArrayList<>(List.of(state.managerUrl()));
		alive.stream().filter((n) -> n.kind() == NodeKind.MANAGER).map(NodeRecord::url)
			.filter((url) -> !managers.contains(url)).forEach(managers::add);
		StatusProbe.Registry registry = probe.registry(managers);
		String scheduler = alive.stream().filter((n) -> n.kind() == NodeKind.SCHEDULER).map(NodeRecord::url)
			.findFirst().orElse(null);
		List<NodeView> nodes = new ArrayList<>();
		for (NodeRecord node : state.nodes()) {
			boolean running = alive.contains(node);
			nodes.add(new NodeView(node.name(), node.kind(), node.url(), (node.pid() > 0) ? node.pid() : null,
					running ? "running" : "stopped", running ? probe.ready(node) : null,
					(running && node.kind() == NodeKind.REDIS) ? probe.redisRole(node.port()) : null,
					managerView(node, registry), (scheduler != null && HOSTS.contains(node.kind()))
							? probe.host(scheduler, node.name()) : null,
					node.proxyUrl()));
		}
		return new StatusView(runDir.toString(), state.managerUrl(), state.gatewayUrl(), registry.answered(),
				registry.error(), scheduler, List.copyOf(nodes));
	}

	private static @Nullable ManagerView managerView(NodeRecord node, StatusProbe.Registry registry) {
		if (!REGISTERED.contains(node.kind()) || !registry.answered()) {
			return null;
		}
		Node known = registry.nodes().get(node.url());
		return (known != null) ? new ManagerView(known.state().name(), known.reason())
				: new ManagerView(ManagerView.NOT_REGISTERED, null);
	}

	/**
	 * The exit code of {@code status}: {@link ExitCodes#NO_CLUSTER} when no node of the cluster runs,
	 * {@link ExitCodes#REFUSED} when the manager refused the token, else {@link ExitCodes#OK} (a cluster
	 * missing a node is what {@code status} is there to show).
	 */
	public int exitCode() {
		if (nodes.stream().noneMatch(NodeView::running)) {
			return ExitCodes.NO_CLUSTER;
		}
		if (managerError != null && managerError.status() != null && ExitCodes.refused(managerError.status())) {
			return ExitCodes.REFUSED;
		}
		return ExitCodes.OK;
	}

	/** The table {@code status} prints for a person, one line per node after the header. */
	public List<String> table() {
		String format = "%-12s %-24s %8s %-8s %-6s %-30s %s%s";
		List<String> lines = new ArrayList<>();
		lines.add(String.format(format, "NODE", "URL", "PID", "PROCESS", "READY", "MANAGER", "SCHEDULER (host health)",
				"").stripTrailing());
		for (NodeView node : nodes) {
			String ready = (node.ready() == null) ? "-" : node.ready() ? "yes" : "no";
			lines.add(String.format(format, node.name(), node.url(), (node.pid() != null) ? node.pid() : "-",
					node.process(), ready, node.managerColumn(), (node.scheduler() != null) ? node.scheduler().text() : "-",
					(node.proxyUrl() != null) ? "  proxy=" + node.proxyUrl() : ""));
		}
		if (!managerAnswered) {
			lines.add("(the manager at " + managerUrl + " did not answer"
					+ ((managerError != null) ? ": " + managerError.message() : "") + ")");
		}
		return lines;
	}

	/** The whole view as one line of JSON, nulls included, for {@code status --json}. */
	public String toJson() {
		return Http.JSON.writeValueAsString(this);
	}

	/**
	 * One node.
	 *
	 * @param name node name
	 * @param kind what runs
	 * @param url its base URL
	 * @param pid its recorded process id, null when none
	 * @param process {@code running} or {@code stopped}
	 * @param ready whether it answers its readiness check; null when stopped
	 * @param redisRole a running Redis's replication role ({@code master}, {@code slave}, {@code unreachable}); null otherwise
	 * @param manager its state in the manager's registry (schedulers and seeds); null for other nodes or when
	 * no manager answered
	 * @param scheduler how a scheduler judges it as a host (seeds and peers); null for other nodes or when
	 * no scheduler runs
	 * @param proxyUrl its proxy / registry mirror, null when it runs none
	 */
	public record NodeView(String name, NodeKind kind, String url, @Nullable Long pid, String process,
			@Nullable Boolean ready, @Nullable String redisRole, @Nullable ManagerView manager,
			@Nullable SchedulerView scheduler, @Nullable String proxyUrl) {

		boolean running() {
			return "running".equals(process);
		}

		String managerColumn() {
			if (kind == NodeKind.REDIS && running()) {
				return (redisRole != null) ? "redis " + redisRole : "-";
			}
			return (manager != null) ? manager.text() : "-";
		}

	}

	/**
	 * A node's entry in the manager's registry.
	 *
	 * @param state ACTIVE, PROBING, EJECTED, INACTIVE, or NOT_REGISTERED when the registry lacks it
	 * @param reason why it is in that state, e.g. {@code diskSpace: used 91% > 85%}; null when ACTIVE
	 */
	public record ManagerView(String state, @Nullable String reason) {

		static final String NOT_REGISTERED = "NOT_REGISTERED";

		String text() {
			if (NOT_REGISTERED.equals(state)) {
				return "not registered";
			}
			return (reason != null) ? state + " (" + reason + ")" : state;
		}

	}

	/**
	 * Why no manager listed its registry.
	 *
	 * @param status the HTTP status it answered with, null when it could not be reached
	 * @param message the error
	 */
	public record ManagerError(@Nullable Integer status, String message) {
	}

	/**
	 * A host as a scheduler judges it.
	 *
	 * @param known whether the scheduler knows the host (it announced itself)
	 * @param health its health status, e.g. {@code HEALTHY}; null when the scheduler does not say
	 * @param reason why it has that health, null when none given
	 * @param breaker the scheduler's breaker for it, e.g. {@code CLOSED}; null when none given
	 * @param error why the scheduler could not say ({@code scheduler unreachable}, {@code error 500}); null when it answered
	 */
	public record SchedulerView(boolean known, @Nullable String health, @Nullable String reason,
			@Nullable String breaker, @Nullable String error) {

		/** From the scheduler's {@code GET /api/v1/hosts/{name}} answer. */
		static SchedulerView of(JsonNode host) {
			JsonNode health = host.path("health").path("status");
			JsonNode reason = host.path("health").path("reason");
			JsonNode breaker = host.path("breaker");
			return new SchedulerView(true, (health.isMissingNode() || health.isNull()) ? null : health.asString(),
					reason.isString() ? reason.asString() : null, breaker.isString() ? breaker.asString() : null, null);
		}

		/** The scheduler does not know the host: it never announced itself. */
		static SchedulerView unknown() {
			return new SchedulerView(false, null, null, null, null);
		}

		/** The scheduler could not be asked. */
		static SchedulerView failed(String error) {
			return new SchedulerView(false, null, null, null, error);
		}

		String text() {
			if (error != null) {
				return error;
			}
			if (!known) {
				return "unknown (no announce)";
			}
			String text = (health != null) ? health : "known";
			if (reason != null) {
				text += " (" + reason + ")";
			}
			if (breaker != null) {
				text += " breaker=" + breaker;
			}
			return text;
		}

	}

}
