package io.damselfly.cli.cluster;

import java.util.List;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** The JVM options a local node starts with, per kind (BENCHMARKS.md, "Swarm" and "Start-up"). */
class JvmOptionsTests {

	@Test
	void peersAndSeedsKeepC2WithScaledThresholdsAndTheControlPlaneRunsC1Only() {
		for (NodeKind kind : List.of(NodeKind.PEER, NodeKind.SEED)) {
			assertThat(LocalCluster.baseOptions(kind)).contains("-Xmx512m", "-XX:CompileThresholdScaling=4",
					"-XX:+UseSerialGC", "-Xms32m", "-Xmn6m", "-XX:MinHeapFreeRatio=10", "-XX:MaxHeapFreeRatio=30")
				.doesNotContain("-XX:TieredStopAtLevel=1");
		}
		for (NodeKind kind : List.of(NodeKind.MANAGER, NodeKind.SCHEDULER, NodeKind.GATEWAY)) {
			assertThat(LocalCluster.baseOptions(kind)).contains("-Xmx256m", "-XX:TieredStopAtLevel=1")
				.noneMatch((option) -> option.startsWith("-XX:CompileThresholdScaling") || option.startsWith("-Xmn"));
		}
	}

	@Test
	void nodesRunTheirAheadOfTimeBeanDefinitionsUnlessTurnedOff() {
		for (NodeKind kind : List.of(NodeKind.PEER, NodeKind.SEED, NodeKind.MANAGER, NodeKind.SCHEDULER,
				NodeKind.GATEWAY)) {
			assertThat(LocalCluster.baseOptions(kind, true)).contains("-Dspring.aot.enabled=true");
			assertThat(LocalCluster.baseOptions(kind, false)).noneMatch((option) -> option.contains("spring.aot"));
		}
	}

	@Test
	void everyOptionIsOneTheJvmAccepts() throws Exception {
		for (NodeKind kind : List.of(NodeKind.PEER, NodeKind.MANAGER)) {
			List<String> command = new java.util.ArrayList<>();
			command.add(ProcessHandle.current().info().command().orElse("java"));
			command.addAll(LocalCluster.baseOptions(kind));
			command.add("-version");
			Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
			String output = new String(process.getInputStream().readAllBytes());
			assertThat(process.waitFor()).as("%s: %s", command, output).isZero();
		}
	}

}
