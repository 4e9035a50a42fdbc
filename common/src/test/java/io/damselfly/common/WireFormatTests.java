package io.damselfly.common;

import java.time.Instant;

import io.damselfly.common.cluster.ClusterConfig;
import io.damselfly.common.host.HealthSnapshot;
import io.damselfly.common.host.HostAnnounce;
import io.damselfly.common.host.HostType;
import io.damselfly.common.node.Node;
import io.damselfly.common.node.NodeRegistration;
import io.damselfly.common.node.NodeState;
import io.damselfly.common.node.NodeType;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;

class WireFormatTests {

	private final JsonMapper json = JsonMapper.builder().build();

	@Test
	void clusterConfigFillsMissingFieldsWithDefaults() {
		ClusterConfig partial = json.readValue("{\"candidateParentLimit\":2}", ClusterConfig.class);
		assertThat(partial.candidateParentLimit()).isEqualTo(2);
		assertThat(partial.filterParentLimit()).isEqualTo(ClusterConfig.DEFAULTS.filterParentLimit());
		assertThat(partial.retryBackToSourceLimit()).isEqualTo(5);
		assertThat(partial.retryIntervalMillis()).isEqualTo(500L);
		assertThat(partial.hostTtlSeconds()).isEqualTo(30);
	}

	@Test
	void nodeRegistrationDerivesAStableIdAndUrl() {
		NodeRegistration registration = new NodeRegistration(NodeType.SEED_PEER, null, "10.0.0.7", 8090, null, null);
		assertThat(registration.clusterId()).isEqualTo("default");
		assertThat(registration.nodeId()).isEqualTo("seed-10.0.0.7-8090");
		assertThat(registration.url()).isEqualTo("http://10.0.0.7:8090");
		NodeRegistration v6 = new NodeRegistration(NodeType.SCHEDULER, "c1", "::1", 8082, null, null);
		assertThat(v6.url()).isEqualTo("http://[::1]:8082");
		assertThat(v6.nodeId()).matches("[A-Za-z0-9._-]+");
	}

	@Test
	void registrationWithoutSchemeIsPlainHttpAndAnHttpsOneGivesAnHttpsUrl() {
		NodeRegistration old = json.readValue("{\"type\":\"SCHEDULER\",\"host\":\"10.0.0.2\",\"port\":8082}",
				NodeRegistration.class);
		assertThat(old.scheme()).isEqualTo("http");
		assertThat(old.url()).isEqualTo("http://10.0.0.2:8082");
		NodeRegistration tls = json.readValue(json.writeValueAsString(
				new NodeRegistration(NodeType.SEED_PEER, null, "10.0.0.7", 8090, null, null, "https")),
				NodeRegistration.class);
		assertThat(tls.url()).isEqualTo("https://10.0.0.7:8090");
		assertThat(tls.nodeId()).as("the scheme is not part of the id").isEqualTo("seed-10.0.0.7-8090");
	}

	@Test
	void announceWithoutSchemeIsPlainHttpAndAnHttpsOneGivesAnHttpsUrl() {
		HostAnnounce old = new HostAnnounce("h1", null, "10.0.0.9", 8100, HostType.NORMAL, null, null, 4, 0,
				HealthSnapshot.up());
		String text = json.writeValueAsString(old).replace(",\"scheme\":\"http\"", "");
		assertThat(text).doesNotContain("scheme");
		assertThat(json.readValue(text, HostAnnounce.class).url()).isEqualTo("http://10.0.0.9:8100");
		HostAnnounce tls = new HostAnnounce("h1", null, "::1", 8100, HostType.NORMAL, null, null, 4, 0,
				HealthSnapshot.up(), "https");
		assertThat(json.readValue(json.writeValueAsString(tls), HostAnnounce.class).url()).isEqualTo("https://[::1]:8100");
	}

	@Test
	void nodeRoundTripsWithIsoInstants() {
		Instant now = Instant.parse("2026-11-25T08:00:00Z");
		Node node = new Node("scheduler-127.0.0.1-8082", NodeType.SCHEDULER, "default", "http://127.0.0.1:8082",
				"127.0.0.1", 8082, null, null, NodeState.ACTIVE, null, now, now, now);
		String text = json.writeValueAsString(node);
		assertThat(text).contains("\"registeredAt\":\"2026-11-25T08:00:00Z\"");
		assertThat(json.readValue(text, Node.class)).isEqualTo(node);
	}

}
