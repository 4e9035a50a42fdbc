package io.damselfly.cli.scenario;

import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.stream.Stream;

import io.damselfly.cli.cluster.ClusterPlan;
import io.damselfly.cli.cluster.LocalCluster;
import io.damselfly.cli.origin.DemoOrigin;

/**
 * Runs one scenario on a fresh local cluster and always stops the cluster afterwards. A scenario
 * that throws counts as failed, with the exception as its last check.
 */
public final class ScenarioRunner {

	private ScenarioRunner() {
	}

	public static ScenarioResult run(Scenario scenario, Path home, Path dir, int portOffset, PrintStream out) {
		return run(scenario, home, dir, portOffset, out, ClusterPlan.redisClusterRequested());
	}

	/**
	 * As {@link #run(Scenario, Path, Path, int, PrintStream)}; with {@code onRedisCluster} the drill runs on a
	 * local Redis Cluster (3 masters, 3 replicas), unless it kills the one Redis itself.
	 */
	public static ScenarioResult run(Scenario scenario, Path home, Path dir, int portOffset, PrintStream out,
			boolean onRedisCluster) {
		clean(dir);
		Path runDir = dir.resolve("run");
		Scenario.Shape drawn = scenario.shape(runDir);
		Scenario.Shape shape = (onRedisCluster && !scenario.needsStandaloneRedis())
				? new Scenario.Shape(drawn.schedulers(), drawn.seeds(), drawn.peers(), drawn.overrides(), drawn.managers(),
						true)
				: drawn;
		out.printf("Scenario %s: %s%n", scenario.name(), scenario.description());
		out.printf("Starting %d scheduler(s), %d seed(s), %d peer(s), %d manager(s), gateway and %s%n",
				shape.schedulers(), shape.seeds(), shape.peers(), shape.managers(),
				shape.redisCluster() ? "a Redis Cluster (3 masters, 3 replicas)" : "Redis");
		LocalCluster cluster = new LocalCluster(home, runDir, (line) -> out.println("  " + line));
		ClusterPlan plan = new ClusterPlan(shape.schedulers(), shape.seeds(), shape.peers(), portOffset, null, runDir,
				shape.overrides(), shape.managers(), shape.redisCluster());
		try (DemoOrigin origin = DemoOrigin.start(0)) {
			cluster.up(plan, Duration.ofMinutes(4));
			try (ScenarioContext context = new ScenarioContext(cluster, origin, dir, out)) {
				try {
					scenario.run(context);
				}
				catch (Exception | AssertionError ex) {
					context.check(false, "scenario stopped: " + ex);
				}
				ScenarioResult result = context.result(scenario.name());
				out.printf("Scenario %s %s (%d checks, %d failed). Logs: %s%n", scenario.name(),
						result.passed() ? "PASSED" : "FAILED", result.checks().size(), result.failures().size(),
						runDir.resolve("logs"));
				return result;
			}
		}
		finally {
			cluster.down();
			// a drill leaves no filesystem mounted behind it
			Scenarios.releaseMounts(dir);
		}
	}

	private static void clean(Path dir) {
		if (!Files.exists(dir)) {
			return;
		}
		Scenarios.releaseMounts(dir);
		try (Stream<Path> walk = Files.walk(dir)) {
			for (Path path : walk.sorted(Comparator.reverseOrder()).toList()) {
				Files.delete(path);
			}
		}
		catch (IOException ex) {
			throw new UncheckedIOException("cannot clean " + dir, ex);
		}
	}

}
