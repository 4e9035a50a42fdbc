package io.damselfly.e2e;

import java.util.stream.Stream;

import io.damselfly.cli.cluster.Jars;
import io.damselfly.cli.scenario.Scenario;
import io.damselfly.cli.scenario.ScenarioResult;
import io.damselfly.cli.scenario.ScenarioRunner;
import io.damselfly.cli.scenario.Scenarios;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * The fault scenarios of docs/architecture.md#testing, each on its own fresh cluster of real processes: exactly what
 * {@code ./damselfly demo --scenario NAME} runs, with every check of the drill asserted here.
 */
class FaultScenariosE2ETests {

	static Stream<String> scenarios() {
		return Scenarios.names().stream();
	}

	@ParameterizedTest(name = "{0}")
	@MethodSource("scenarios")
	void scenarioHoldsEveryExpectation(String name) {
		Scenario scenario = Scenarios.get(name);
		// CI installs every tool a drill needs (.ci/run); there a missing tool is a failure, not a skip.
		assertThat(scenario.unavailable().filter((why) -> System.getenv("CI") != null))
			.as("scenario " + name + " cannot run in CI").isEmpty();
		assumeTrue(scenario.unavailable().isEmpty(), () -> "scenario " + name + " skipped: " + scenario.unavailable().get());
		int offset = 22000 + 200 * Scenarios.names().indexOf(name) + E2eCluster.portShift();
		ScenarioResult result = ScenarioRunner.run(scenario, Jars.home(),
				Jars.home().resolve("e2e").resolve("target").resolve("scenario-" + name), offset, System.out);
		assertThat(result.checks()).as("checks of " + name).isNotEmpty();
		assertThat(result.failures()).as("failed checks of " + name + " (figures: " + result.figures() + ")").isEmpty();
	}

	/** The incident again, on a Redis Cluster of 3 masters and 3 replicas (docs/architecture.md#past-one-machine). */
	@Test
	void incidentHoldsOnRedisCluster() {
		int offset = 22000 + 200 * Scenarios.names().size() + E2eCluster.portShift();
		ScenarioResult result = ScenarioRunner.run(Scenarios.get("disk-full-seed"), Jars.home(),
				Jars.home().resolve("e2e").resolve("target").resolve("scenario-disk-full-seed-redis-cluster"), offset,
				System.out, true);
		assertThat(result.checks()).isNotEmpty();
		assertThat(result.failures()).as("failed checks (figures: " + result.figures() + ")").isEmpty();
	}

}
