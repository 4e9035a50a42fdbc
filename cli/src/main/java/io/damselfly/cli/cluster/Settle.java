package io.damselfly.cli.cluster;

import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.function.Consumer;

import io.damselfly.cli.http.ApiError;
import io.damselfly.cli.http.Http;
import io.damselfly.cli.http.ManagerApi;
import io.damselfly.common.node.NodeState;
import io.damselfly.common.node.NodeType;

/**
 * Ready processes are not yet a usable cluster: schedulers and seeds must have registered with the
 * manager, and the gateway must have picked the schedulers up from it. This waits for both, so a
 * command right after {@code up} never meets a "no active scheduler" answer.
 */
final class Settle {

	private Settle() {
	}

	static void await(ClusterState state, long schedulers, long seeds, Duration timeout, Consumer<String> progress) {
		ManagerApi manager = new ManagerApi(state.managerUrl());
		long deadline = System.nanoTime() + timeout.toNanos();
		String waitingFor = "";
		while (System.nanoTime() < deadline) {
			try {
				long s = manager.count(NodeType.SCHEDULER, NodeState.ACTIVE);
				long d = manager.count(NodeType.SEED_PEER, NodeState.ACTIVE);
				if (s < schedulers || d < seeds) {
					waitingFor = "the manager lists " + s + "/" + schedulers + " active schedulers and " + d + "/" + seeds
							+ " active seeds";
				}
				else if (!gatewayRoutesToSchedulers(state.gatewayUrl())) {
					waitingFor = "the gateway has not picked up the schedulers yet";
				}
				else {
					progress.accept(String.format("cluster settled: %d schedulers and %d seeds active, gateway routing",
							s, d));
					return;
				}
			}
			catch (UncheckedIOException | ApiError ex) {
				waitingFor = ex.getMessage();
			}
			sleep();
		}
		throw new IllegalStateException("cluster not settled after " + timeout.toSeconds() + " s: " + waitingFor);
	}

	/** Any answer but 503 on a scheduler route means the gateway knows at least one scheduler. */
	private static boolean gatewayRoutesToSchedulers(String gatewayUrl) {
		try {
			HttpRequest probe = Http.authorized(HttpRequest.newBuilder(URI.create(gatewayUrl + "/api/v1/tasks/" + "0".repeat(64))))
				.timeout(Duration.ofSeconds(3)).GET().build();
			return Http.client().send(probe, HttpResponse.BodyHandlers.discarding()).statusCode() != 503;
		}
		catch (java.io.IOException ex) {
			return false;
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException("interrupted", ex);
		}
	}

	private static void sleep() {
		try {
			Thread.sleep(250);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException("interrupted", ex);
		}
	}

}
