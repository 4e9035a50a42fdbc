package io.damselfly.cli.command;

import java.util.concurrent.Callable;

import io.damselfly.cli.DamselflyCli;
import io.damselfly.cli.Format;
import io.damselfly.cli.cluster.ClusterPlan;
import io.damselfly.cli.cluster.Jars;
import io.damselfly.cli.demo.Demo;
import io.damselfly.cli.scenario.Scenario;
import io.damselfly.cli.scenario.ScenarioResult;
import io.damselfly.cli.scenario.ScenarioRunner;
import io.damselfly.cli.scenario.Scenarios;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

@Command(name = "demo", description = "Start a cluster, download one generated file through three peers at once, "
		+ "verify every copy and show how much the origin served. Exit code 0 only if every copy verified.")
public class DemoCommand implements Callable<Integer> {

	@ParentCommand
	DamselflyCli parent;

	@Spec
	CommandSpec spec;

	@Option(names = "--keep", description = "Leave the cluster running afterwards")
	boolean keep;

	@Option(names = "--size", defaultValue = "64MiB", description = "Size of the generated file, default ${DEFAULT-VALUE}")
	String size;

	@Option(names = "--scenario", description = "Run a fault drill instead: ${COMPLETION-CANDIDATES}",
			completionCandidates = ScenarioNames.class)
	String scenario;

	@Option(names = "--managers", defaultValue = "1", description = "Managers sharing the probing, default ${DEFAULT-VALUE}")
	int managers;

	@Option(names = "--redis-cluster",
			description = "Run on a local Redis Cluster (3 masters + 3 replicas, ports 6400+) instead of one Redis")
	boolean redisCluster;

	@Option(names = "--port-offset", defaultValue = "0",
			description = "Added to every port, to run beside another cluster, default ${DEFAULT-VALUE}")
	int portOffset;

	@Override
	public Integer call() {
		if (scenario != null) {
			Scenario drill = Options.usage(spec, () -> Scenarios.get(scenario));
			if (drill.unavailable().isPresent()) {
				System.err.println("Scenario " + scenario + " cannot run here: " + drill.unavailable().get());
				return 1;
			}
			if (redisCluster && drill.needsStandaloneRedis()) {
				System.err.println("Scenario " + scenario + " kills the one Redis: it runs on a single Redis, not on"
						+ " a Redis Cluster");
			}
			ScenarioResult result = ScenarioRunner.run(drill, Jars.home(), parent.runDir("scenario-" + scenario), portOffset,
					System.out, redisCluster || ClusterPlan.redisClusterRequested());
			return result.passed() ? 0 : 1;
		}
		long bytes = Options.usage(spec, () -> Format.parseSize(size));
		String redisUrl = System.getenv("REDIS_URL");
		return new Demo(Jars.home(), parent.runDir("demo"), System.out).run(bytes, keep, portOffset,
				(redisUrl != null && !redisUrl.isBlank()) ? redisUrl : null, managers, redisCluster);
	}

	/** The scenario names, for the help text and shell completion. */
	static class ScenarioNames implements Iterable<String> {

		@Override
		public java.util.Iterator<String> iterator() {
			return Scenarios.names().iterator();
		}

	}

}
