package io.damselfly.cli.cluster;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletionService;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorCompletionService;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Consumer;

import io.damselfly.cli.http.Http;
import io.damselfly.redis.LocalRedisServer;

/** Waits until nodes answer {@code /actuator/health/readiness} with 200 (Redis: PING). */
public final class Readiness {

	private Readiness() {
	}

	/**
	 * Polls every node, each on its own thread, until all are ready, and reports each as it becomes ready.
	 * In turn, one node still busy starting held up the polls of all the others for up to a request's
	 * timeout, and a cluster was reported ready seconds after its last node was.
	 * @throws IllegalStateException when a process exits or the timeout passes; the message names the
	 * node and quotes the end of its log
	 */
	public static void awaitAll(List<NodeRecord> nodes, Duration timeout, Consumer<String> progress) {
		if (nodes.isEmpty()) {
			return;
		}
		long deadline = System.nanoTime() + timeout.toNanos();
		ExecutorService pool = Executors.newFixedThreadPool(nodes.size(), (task) -> {
			Thread thread = new Thread(task, "readiness");
			thread.setDaemon(true);
			return thread;
		});
		CompletionService<NodeRecord> polls = new ExecutorCompletionService<>(pool);
		Map<Future<NodeRecord>, NodeRecord> byPoll = new LinkedHashMap<>();
		try {
			for (NodeRecord node : nodes) {
				byPoll.put(polls.submit(() -> awaitOne(node, deadline)), node);
			}
			List<NodeRecord> waiting = new ArrayList<>(nodes);
			while (!waiting.isEmpty()) {
				Future<NodeRecord> done = polls.take();
				NodeRecord node = byPoll.get(done);
				if (done.get() == null) {
					NodeRecord first = waiting.get(0);
					throw new IllegalStateException("not ready after " + timeout.toSeconds() + " s: "
							+ waiting.stream().map(NodeRecord::name).toList() + "; end of " + first.log() + ":\n"
							+ tail(Path.of(first.log()), 25));
				}
				waiting.remove(node);
				progress.accept(String.format("%-12s %-24s pid %d ready", node.name(), node.url(), node.pid())
						+ node.proxyColumn());
			}
		}
		catch (ExecutionException ex) {
			throw (ex.getCause() instanceof RuntimeException runtime) ? runtime
					: new IllegalStateException(ex.getCause().getMessage(), ex.getCause());
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException("interrupted while waiting for the nodes to be ready", ex);
		}
		finally {
			pool.shutdownNow();
		}
	}

	/** The node once it is ready; null when the deadline passes first. */
	private static NodeRecord awaitOne(NodeRecord node, long deadline) {
		while (!Thread.currentThread().isInterrupted()) {
			if (!node.alive()) {
				throw new IllegalStateException(node.name() + " exited during startup; end of " + node.log() + ":\n"
						+ tail(Path.of(node.log()), 25));
			}
			if (isReady(node, Duration.ofSeconds(5))) {
				return node;
			}
			if (System.nanoTime() > deadline) {
				return null;
			}
			sleep(250);
		}
		return null;
	}

	/** One probe with a 2 s timeout, as {@code status} asks. */
	public static boolean isReady(NodeRecord node) {
		return isReady(node, Duration.ofSeconds(2));
	}

	/**
	 * One probe. While it starts, a node's first answer can take seconds on a busy machine; a poll that
	 * waits longer for it, on its own thread, sees the node ready the moment it is.
	 */
	static boolean isReady(NodeRecord node, Duration timeout) {
		try {
			if (node.kind() == NodeKind.REDIS) {
				return LocalRedisServer.ping("127.0.0.1", node.port());
			}
			HttpRequest request = HttpRequest.newBuilder(URI.create(node.url() + "/actuator/health/readiness"))
				.timeout(timeout).GET().build();
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
