package io.damselfly.bench.support;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;

import io.damselfly.cli.cluster.ClusterPlan;
import io.damselfly.cli.cluster.ClusterState;
import io.damselfly.cli.cluster.Jars;
import io.damselfly.cli.cluster.LocalCluster;
import io.damselfly.cli.cluster.NodeKind;
import io.damselfly.cli.cluster.NodeRecord;
import io.damselfly.cli.http.ManagerApi;
import io.damselfly.common.node.NodeState;
import io.damselfly.common.node.NodeType;

/**
 * A local cluster for a bench run, started by the CLI's launcher with every port moved by an offset
 * (23000 by default: ports 29380-31150, clear of a developer's cluster, of the e2e tests' offsets 20000 and
 * 21000, and of Linux's ephemeral ports from 32768, which outgoing connections could take meanwhile). {@code DAMSELFLY_JAVA_OPTS} reaches every
 * JVM it starts (e.g. a JFR recording). Stopping it stops every process it started.
 */
public final class BenchCluster implements AutoCloseable {

	private final LocalCluster cluster;

	private ClusterState state;

	private final Thread onExit;

	private BenchCluster(LocalCluster cluster, ClusterState state) {
		this.cluster = cluster;
		this.state = state;
		// Ctrl-C or a kill of the bench must not leave a dozen JVMs behind.
		this.onExit = new Thread(cluster::down, "bench-cluster-down");
		Runtime.getRuntime().addShutdownHook(onExit);
	}

	/** Starts the plan's nodes in {@code runDir} (wiped first) and waits until the manager lists them ACTIVE. */
	public static BenchCluster start(Path runDir, int schedulers, int seeds, int peers, int portOffset,
			List<String> overrides) {
		wipe(runDir);
		LocalCluster cluster = new LocalCluster(Jars.home(), runDir, (line) -> System.out.println("  " + line));
		ClusterPlan plan = new ClusterPlan(schedulers, seeds, peers, portOffset, null, cluster.runDir(), overrides);
		// Generous: on a shared 2-core machine a dozen JVMs can take minutes to start.
		ClusterState state = cluster.up(plan, Duration.ofMinutes(15));
		BenchCluster bench = new BenchCluster(cluster, state);
		try {
			bench.awaitRegistry(new ManagerApi(state.managerUrl()), schedulers, seeds);
		}
		catch (RuntimeException ex) {
			bench.close();
			throw ex;
		}
		return bench;
	}

	private void awaitRegistry(ManagerApi manager, int schedulers, int seeds) {
		long deadline = System.nanoTime() + Duration.ofSeconds(90).toNanos();
		while (manager.count(NodeType.SCHEDULER, NodeState.ACTIVE) < schedulers
				|| manager.count(NodeType.SEED_PEER, NodeState.ACTIVE) < seeds) {
			if (System.nanoTime() > deadline) {
				throw new IllegalStateException("the manager does not list every scheduler and seed as ACTIVE: "
						+ manager.nodes());
			}
			sleep(200);
		}
		// Normal peers announce to schedulers once ready; give every peer one announce interval's worth.
		sleep(1500);
	}

	public NodeRecord node(String name) {
		return state.node(name).orElseThrow(() -> new IllegalArgumentException("no node " + name));
	}

	public List<NodeRecord> nodes() {
		return state.nodes();
	}

	public List<NodeRecord> nodes(NodeKind kind) {
		return state.nodes().stream().filter((n) -> n.kind() == kind).toList();
	}

	/** Kills one node and starts it again with the same command line (a fresh JVM, same storage). */
	public NodeRecord restart(String name) {
		cluster.kill(name);
		NodeRecord running = cluster.start(name, Duration.ofMinutes(2));
		state = cluster.state();
		return running;
	}

	@Override
	public void close() {
		cluster.down();
		try {
			Runtime.getRuntime().removeShutdownHook(onExit);
		}
		catch (IllegalStateException ex) {
			// Already shutting down: the hook runs (or ran) down() too, which is idempotent.
		}
	}

	/** Deletes a directory tree, if present. */
	public static void wipe(Path dir) {
		if (!Files.exists(dir)) {
			return;
		}
		try (var walk = Files.walk(dir)) {
			for (Path p : walk.sorted(Comparator.reverseOrder()).toList()) {
				Files.delete(p);
			}
		}
		catch (IOException ex) {
			throw new UncheckedIOException("cannot wipe " + dir, ex);
		}
	}

	public static void sleep(long millis) {
		try {
			Thread.sleep(millis);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException(ex);
		}
	}

}
