package io.damselfly.manager.registry.store;

import java.time.Instant;
import java.util.HashMap;
import java.util.Map;

import io.damselfly.common.node.NodeRegistration;
import io.damselfly.common.node.NodeState;
import io.damselfly.common.node.NodeType;
import io.damselfly.manager.registry.state.NodeRecord;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;

class NodeHashTests {

	private static final Instant NOW = Instant.parse("2025-01-01T10:00:00.123Z");

	@Test
	void registrationFieldsCarryIdUrlAndEmptyStringsForAbsentOptionals() {
		Map<String, String> fields = NodeHash
			.registrationFields(new NodeRegistration(NodeType.SCHEDULER, null, "10.0.0.2", 8082, null, "eu"));

		assertThat(fields).containsEntry(NodeHash.ID, "scheduler-10.0.0.2-8082")
			.containsEntry(NodeHash.TYPE, "SCHEDULER")
			.containsEntry(NodeHash.CLUSTER_ID, "default")
			.containsEntry(NodeHash.URL, "http://10.0.0.2:8082")
			.containsEntry(NodeHash.PORT, "8082")
			.containsEntry(NodeHash.IDC, "")
			.containsEntry(NodeHash.LOCATION, "eu");
	}

	@Test
	void completeHashDecodesWithInstantsAndBlankOptionalsAsNull() {
		Map<String, String> hash = completeHash();

		NodeRecord record = NodeHash.decode(hash);

		assertThat(record.id()).isEqualTo("scheduler-10.0.0.2-8082");
		assertThat(record.type()).isEqualTo(NodeType.SCHEDULER);
		assertThat(record.port()).isEqualTo(8082);
		assertThat(record.idc()).isNull();
		assertThat(record.state()).isEqualTo(NodeState.ACTIVE);
		assertThat(record.registeredAt()).isEqualTo(NOW);
		assertThat(record.expiresAt()).isEqualTo(NOW.plusSeconds(10));
		assertThat(NodeHash.missingFields(hash)).isEmpty();
	}

	@Test
	void partialHashReportsWhatItLacks() {
		Map<String, String> hash = Map.of(NodeHash.STATE, "EJECTED", NodeHash.REASON, "disk", NodeHash.SINCE,
				NOW.toString());

		assertThat(NodeHash.missingFields(hash)).contains(NodeHash.ID, NodeHash.TYPE, NodeHash.HOST)
			.doesNotContain(NodeHash.STATE, NodeHash.SINCE);
	}

	@Test
	void unparseableFieldIsReportedAsCorruptRecord() {
		Map<String, String> hash = completeHash();
		hash.put(NodeHash.STATE, "SLEEPY");

		assertThatIllegalStateException().isThrownBy(() -> NodeHash.decode(hash)).withMessageContaining("corrupt node record")
			.withMessageContaining("SLEEPY");
	}

	private static Map<String, String> completeHash() {
		Map<String, String> hash = new HashMap<>(NodeHash
			.registrationFields(new NodeRegistration(NodeType.SCHEDULER, null, "10.0.0.2", 8082, null, null)));
		hash.put(NodeHash.STATE, "ACTIVE");
		hash.put(NodeHash.SINCE, NOW.toString());
		hash.put(NodeHash.REGISTERED_AT, NOW.toString());
		hash.put(NodeHash.LAST_SEEN_AT, NOW.toString());
		hash.put(NodeHash.EXPIRES_AT, NOW.plusSeconds(10).toString());
		return hash;
	}

}
