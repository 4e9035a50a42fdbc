package io.damselfly.cli.cluster;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

import io.damselfly.cli.http.Http;
import io.damselfly.redis.LocalRedisServer;

/** Waits until nodes answer {@code /actuator/health/readiness} with 200 (Redis: PING). */
public final class Readiness {

	private Readiness() {
	}

	/**
	 * Polls every node until all are ready.
	 * @throws IllegalStateException when a process exits or the timeout passes; the message names the
	 * node and quotes the end of its log
	 */
	public static void awaitAll(List<NodeRecord> nodes, Duration timeout, Consumer<String> progress) {
		long deadline = System.nanoTime() + timeout.toNanos();
		List<NodeRecord> waiting = new ArrayList<>(nodes);
		while (!waiting.isEmpty()) {
			for (NodeRecord node : List.copyOf(waiting)) {
				if (!node.alive()) {
					throw new IllegalStateException(node.name() + " exited during startup; end of " + node.log()
							+ ":\n" + tail(Path.of(node.log()), 25));
				}
				if (isReady(node)) {
					waiting.remove(node);
					progress.accept(String.format("%-12s %-24s pid %d ready", node.name(), node.url(), node.pid())
							+ node.proxyColumn());
				}
			}
			if (!waiting.isEmpty()) {
				if (System.nanoTime() > deadline) {
					NodeRecord first = waiting.get(0);
					throw new IllegalStateException("not ready after " + timeout.toSeconds() + " s: "
							+ waiting.stream().map(NodeRecord::name).toList() + "; end of " + first.log() + ":\n"
							+ tail(Path.of(first.log()), 25));
				}
				sleep(250);
			}
		}
	}

	public static boolean isReady(NodeRecord node) {
		try {
			if (node.kind() == NodeKind.REDIS) {
				return LocalRedisServer.ping("127.0.0.1", node.port());
			}
			HttpRequest request = HttpRequest.newBuilder(URI.create(node.url() + "/actuator/health/readiness"))
				.timeout(Duration.ofSeconds(2)).GET().build();
			return Http.client().send(request, HttpResponse.BodyHandlers.discarding()).statusCode() == 200;
		}
		catch (IOException ex) {
			return false;
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			return false;
		}
	}

	public static String tail(Path log, int lines) {
		try {
			List<String> all = Files.readAllLines(log);
			return String.join("\n", all.subList(Math.max(0, all.size() - lines), all.size()));
		}
		catch (IOException ex) {
			return "(no log: " + ex.getMessage() + ")";
		}
	}

	private static void sleep(long millis) {
		try {
			Thread.sleep(millis);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException("interrupted", ex);
		}
	}

}
