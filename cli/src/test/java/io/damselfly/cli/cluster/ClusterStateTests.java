package io.damselfly.cli.cluster;

import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The state file outlives upgrades: `up` and `down` must read one written by another version. */
class ClusterStateTests {

	@TempDir
	Path runDir;

	@Test
	void aStateFileFromAnOlderVersionStillLoads() throws Exception {
		// Written before nodes had a proxy port or a start time and before TLS, plus a field this version does not know.
		Files.writeString(runDir.resolve(ClusterState.FILE), """
				{"managerUrl":"http://127.0.0.1:8081","gatewayUrl":"http://127.0.0.1:8080",
				 "redisUrl":"redis://127.0.0.1:6380","retired":true,
				 "nodes":[{"name":"peer-1","kind":"PEER","port":8100,"url":"http://127.0.0.1:8100","pid":0,
				           "command":["java"],"log":"peer-1.log"}]}
				""");

		ClusterState state = ClusterState.load(runDir).orElseThrow();

		assertThat(state.tls()).as("written before TLS: plain HTTP").isFalse();
		assertThat(state.nodes()).singleElement().satisfies((node) -> {
			assertThat(node.name()).isEqualTo("peer-1");
			assertThat(node.proxyPort()).isZero();
			assertThat(node.alive()).isFalse();
		});
	}

	@Test
	void aDamagedStateFileSaysWhatToDo() throws Exception {
		Files.writeString(runDir.resolve(ClusterState.FILE), "{\"nodes\":[");

		assertThatThrownBy(() -> ClusterState.load(runDir)).isInstanceOf(IllegalStateException.class)
			.hasMessageContaining(ClusterState.FILE).hasMessageContaining("./damselfly down");
	}

}
