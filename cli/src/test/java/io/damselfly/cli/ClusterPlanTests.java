package io.damselfly.cli;

import java.nio.file.Path;
import java.util.List;

import io.damselfly.cli.cluster.ClusterPlan;
import io.damselfly.cli.cluster.NodeKind;
import io.damselfly.cli.cluster.NodeSpec;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

class ClusterPlanTests {

	private final Path runDir = Path.of("/tmp/df-run");

	@Test
	void defaultLayoutUsesTheDesignPortsAndNames() {
		List<NodeSpec> nodes = new ClusterPlan(3, 2, 3, 0, null, runDir, List.of()).nodes();
		assertThat(nodes).extracting(NodeSpec::name).containsExactly("redis", "manager", "scheduler-1", "scheduler-2",
				"scheduler-3", "seed-1", "seed-2", "peer-1", "peer-2", "peer-3", "gateway");
		assertThat(nodes).extracting(NodeSpec::port).containsExactly(6380, 8081, 8082, 8083, 8084, 8090, 8091, 8100,
				8101, 8102, 8080);
		NodeSpec seed = nodes.get(5);
		assertThat(seed.kind()).isEqualTo(NodeKind.SEED);
		assertThat(seed.properties()).contains("damselfly.peer.mode=seed", "damselfly.peer.host-id=seed-1",
				"damselfly.manager.url=http://127.0.0.1:8081", "server.port=8090",
				"damselfly.storage.dir=/tmp/df-run/seed-1/storage");
		assertThat(nodes.get(2).properties()).contains("spring.data.redis.url=redis://127.0.0.1:6380");
		assertThat(nodes.get(10).properties()).as("the gateway's rate-limit buckets, at a rate no drill reaches")
			.contains("spring.data.redis.url=redis://127.0.0.1:6380", "damselfly.gateway.rate-limit.replenish-rate=10000",
					"damselfly.gateway.rate-limit.burst-capacity=20000");
	}

	@Test
	void redisClusterAndTwoManagersGetTheirOwnPortsAndEveryServiceTheLists() {
		List<NodeSpec> nodes = new ClusterPlan(1, 1, 1, 1000, null, runDir, List.of(), 2, true).nodes();
		assertThat(nodes).extracting(NodeSpec::name).containsExactly("redis-1", "redis-2", "redis-3", "redis-4",
				"redis-5", "redis-6", "manager", "manager-2", "scheduler-1", "seed-1", "peer-1", "gateway");
		assertThat(nodes.subList(0, 8)).extracting(NodeSpec::port)
			.containsExactly(7400, 7401, 7402, 7403, 7404, 7405, 9081, 9071);
		String clusterNodes = "spring.data.redis.cluster.nodes=127.0.0.1:7400,127.0.0.1:7401,127.0.0.1:7402,"
				+ "127.0.0.1:7403,127.0.0.1:7404,127.0.0.1:7405";
		assertThat(nodes.get(7).properties()).contains(clusterNodes, "damselfly.probe.ownership.instance-id=manager-2");
		assertThat(nodes.get(8).properties()).contains(clusterNodes)
			.noneMatch((p) -> p.startsWith("spring.data.redis.url="));
		assertThat(nodes.get(11).properties()).as("the gateway").contains(clusterNodes);
		assertThat(nodes.get(10).properties())
			.contains("damselfly.manager.urls=http://127.0.0.1:9081,http://127.0.0.1:9071");
	}

	@Test
	void defaultPlanServesPlainHttp() {
		List<NodeSpec> nodes = new ClusterPlan(1, 1, 1, 0, null, runDir, List.of()).nodes();
		assertThat(nodes).filteredOn((n) -> n.kind() != NodeKind.REDIS).extracting(NodeSpec::url)
			.allMatch((url) -> url.startsWith("http://127.0.0.1:"));
		assertThat(nodes).flatExtracting(NodeSpec::properties).noneMatch((p) -> p.contains("ssl"));
	}

	@Test
	void tlsPlanServesEveryServiceOverHttpsWithTheRunDirectorysCertificateAndTrustsIt() {
		ClusterPlan plan = new ClusterPlan(1, 1, 1, 0, null, runDir, List.of(), 2, false, true);
		List<NodeSpec> services = plan.nodes().stream().filter((n) -> n.kind() != NodeKind.REDIS).toList();
		assertThat(plan.managerUrls()).containsExactly("https://127.0.0.1:8081", "https://127.0.0.1:8071");
		assertThat(services).extracting(NodeSpec::url).allMatch((url) -> url.startsWith("https://127.0.0.1:"));
		assertThat(services).allSatisfy((node) -> assertThat(node.properties()).as(node.name()).contains(
				"server.ssl.bundle=damselfly",
				"spring.ssl.bundle.pem.damselfly.keystore.certificate=file:/tmp/df-run/tls/cert.pem",
				"spring.ssl.bundle.pem.damselfly.keystore.private-key=file:/tmp/df-run/tls/key.pem",
				"spring.ssl.bundle.pem.damselfly.truststore.certificate=file:/tmp/df-run/tls/cert.pem",
				"damselfly.tls.trust-bundle=damselfly",
				"damselfly.manager.urls=https://127.0.0.1:8081,https://127.0.0.1:8071"));
	}

	@Test
	void redisClusterBusPortsStayBelowTheEphemeralRangeForAnyOffset() {
		for (int offset : new int[] { -20000, -4000, 0, 1000, 16000, 22000, 23800, 31000 }) {
			ClusterPlan plan = new ClusterPlan(1, 0, 0, offset, null, runDir, List.of(), 1, true);
			assertThat(plan.redisClusterBasePort()).isBetween(6400, 7999);
			assertThat(plan.redisClusterBasePort() + 5 + 10000).as("last bus port, offset " + offset).isLessThan(32768);
		}
	}

	@Test
	void redisClusterRefusesAnExternalRedisAndManagersAreBounded() {
		assertThatIllegalArgumentException()
			.isThrownBy(() -> new ClusterPlan(1, 0, 0, 0, "redis://10.0.0.1:6379", runDir, List.of(), 1, true))
			.withMessageContaining("REDIS_URL");
		assertThatIllegalArgumentException().isThrownBy(() -> new ClusterPlan(1, 0, 0, 0, null, runDir, List.of(), 4, false))
			.withMessageContaining("--managers");
	}

	@Test
	void externalRedisIsUsedAsIsAndPortOffsetMovesEverything() {
		List<NodeSpec> nodes = new ClusterPlan(1, 0, 1, 1000, "redis://10.1.1.1:6379", runDir, List.of()).nodes();
		assertThat(nodes).extracting(NodeSpec::name).containsExactly("manager", "scheduler-1", "peer-1", "gateway");
		assertThat(nodes).extracting(NodeSpec::port).containsExactly(9081, 9082, 9100, 9080);
		assertThat(nodes.get(0).properties()).contains("spring.data.redis.url=redis://10.1.1.1:6379");
	}

	@Test
	void overridesApplyToOneNodeAGroupOrAll() {
		List<NodeSpec> nodes = new ClusterPlan(1, 2, 1, 0, null, runDir,
				List.of("seed-1:damselfly.storage.capacity=1GB", "peers:x.y=1", "all:z=2", "seed-1:server.port=9999",
						"gateway:damselfly.gateway.rate-limit.replenish-rate=5"))
			.nodes();
		NodeSpec seed1 = nodes.stream().filter((n) -> n.name().equals("seed-1")).findFirst().orElseThrow();
		NodeSpec seed2 = nodes.stream().filter((n) -> n.name().equals("seed-2")).findFirst().orElseThrow();
		NodeSpec peer1 = nodes.stream().filter((n) -> n.name().equals("peer-1")).findFirst().orElseThrow();
		assertThat(seed1.properties()).contains("damselfly.storage.capacity=1GB", "z=2", "server.port=9999");
		assertThat(seed2.properties()).doesNotContain("damselfly.storage.capacity=1GB").contains("z=2");
		assertThat(peer1.properties()).contains("x.y=1", "z=2");
		NodeSpec gateway = nodes.get(nodes.size() - 1);
		assertThat(gateway.properties()).as("a drill that tests the rate limit can lower it")
			.contains("damselfly.gateway.rate-limit.replenish-rate=5")
			.doesNotContain("damselfly.gateway.rate-limit.replenish-rate=10000");
	}

	@Test
	void peersAndSeedsGetAProxyPortOfTheirOwn() {
		List<NodeSpec> nodes = new ClusterPlan(1, 1, 2, -8000, null, runDir,
				List.of("peer-2:damselfly.proxy.enabled=false")).nodes();
		assertThat(nodes).filteredOn((n) -> n.kind() == NodeKind.SEED || n.kind() == NodeKind.PEER)
			.extracting(NodeSpec::proxyPort).containsExactly(57090, 57100, 0);
		assertThat(nodes).filteredOn((n) -> n.kind() == NodeKind.MANAGER).extracting(NodeSpec::proxyPort).containsExactly(0);
		assertThat(nodes.stream().filter((n) -> n.name().equals("peer-1")).findFirst().orElseThrow().properties())
			.contains("damselfly.proxy.port=57100");
		List<NodeSpec> high = new ClusterPlan(1, 0, 1, 22000, null, runDir, List.of()).nodes();
		assertThat(high.stream().filter((n) -> n.name().equals("peer-1")).findFirst().orElseThrow().proxyPort())
			.as("out of range: chosen free at start").isEqualTo(NodeSpec.PROXY_PORT_AUTO);
	}

	@Test
	void malformedOverrideOrCountsAreRefusedWithTheExpectedForm() {
		assertThatIllegalArgumentException()
			.isThrownBy(() -> new ClusterPlan(1, 1, 1, 0, null, runDir, List.of("seed-1=x")))
			.withMessageContaining("NODE:KEY=VALUE");
		assertThatIllegalArgumentException().isThrownBy(() -> new ClusterPlan(0, 1, 1, 0, null, runDir, List.of()))
			.withMessageContaining("--schedulers");
	}

	@Test
	void sizesParseWithBinaryUnits() {
		assertThat(Format.parseSize("64MiB")).isEqualTo(64L << 20);
		assertThat(Format.parseSize("1g")).isEqualTo(1L << 30);
		assertThat(Format.parseSize("512KB")).isEqualTo(512L << 10);
		assertThat(Format.parseSize("100")).isEqualTo(100);
		assertThatIllegalArgumentException().isThrownBy(() -> Format.parseSize("lots")).withMessageContaining("64MiB");
		assertThat(Format.bytes(64L << 20)).isEqualTo("64.0 MiB");
	}

}
