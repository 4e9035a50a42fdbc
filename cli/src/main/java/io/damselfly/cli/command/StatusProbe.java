package io.damselfly.cli.command;

import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

import io.damselfly.cli.ExitCodes;
import io.damselfly.cli.cluster.NodeRecord;
import io.damselfly.common.node.Node;
import org.jspecify.annotations.Nullable;

/**
 * The live questions {@code status} asks: is a process running, is it ready, what do the manager, a
 * scheduler and Redis say. An interface so {@link StatusView} is built and tested from plain answers,
 * without starting a single process; {@link LiveStatusProbe} asks the real nodes.
 */
interface StatusProbe {

	/** Whether the node's recorded process still runs. */
	boolean alive(NodeRecord node);

	/** Whether a running node answers its readiness check. */
	boolean ready(NodeRecord node);

	/** The registry as the first of {@code managerUrls} that answers lists it. */
	Registry registry(List<String> managerUrls);

	/** A running Redis's replication role ({@code master}, {@code slave}), {@code unreachable}, or null if it does not say. */
	@Nullable String redisRole(int port);

	/** How the scheduler at {@code schedulerUrl} judges host {@code name}. */
	StatusView.SchedulerView host(String schedulerUrl, String name);

	/**
	 * The manager's registry, or why no manager listed it.
	 *
	 * @param nodes the registered nodes by URL; empty when no manager answered
	 * @param answered whether a manager answered
	 * @param error why none did (the last manager's error), null when one did
	 */
	record Registry(Map<String, Node> nodes, boolean answered, StatusView.@Nullable ManagerError error) {

		static Registry of(List<Node> nodes) {
			return new Registry(nodes.stream().collect(Collectors.toMap(Node::url, Function.identity(), (a, b) -> a)),
					true, null);
		}

		/** No manager answered; {@code httpStatus} is 0 when none could be reached. */
		static Registry failed(int httpStatus, String message) {
			return new Registry(Map.of(), false,
					new StatusView.ManagerError((httpStatus > 0) ? httpStatus : null, message));
		}

		boolean refused() {
			return error != null && error.status() != null && ExitCodes.refused(error.status());
		}

	}

}
