package io.damselfly.manager.registry.api;

import io.damselfly.common.node.NodeState;
import io.damselfly.common.node.NodeType;
import io.damselfly.manager.registry.state.NodeFilter;
import io.damselfly.service.web.ApiException;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class NodeQueryTests {

	@Test
	void absentOrBlankParametersMatchEverything() {
		assertThat(NodeQuery.parse(null, null, null)).isEqualTo(NodeFilter.ALL);
		assertThat(NodeQuery.parse("", " ", "")).isEqualTo(NodeFilter.ALL);
	}

	@Test
	void enumValuesAreParsedIgnoringCase() {
		assertThat(NodeQuery.parse("seed_peer", "Inactive", "c-1"))
			.isEqualTo(new NodeFilter(NodeType.SEED_PEER, NodeState.INACTIVE, "c-1"));
	}

	@Test
	void badTypeNamesTheParameterAndTheAllowedValues() {
		assertThatThrownBy(() -> NodeQuery.parse("PEER", null, null)).isInstanceOf(ApiException.class)
			.hasMessage("type must be one of SCHEDULER, SEED_PEER, got 'PEER'");
	}

	@Test
	void badStateNamesTheParameterAndTheAllowedValues() {
		assertThatThrownBy(() -> NodeQuery.parse(null, "DEAD", null)).isInstanceOf(ApiException.class)
			.hasMessage("state must be one of ACTIVE, PROBING, EJECTED, INACTIVE, got 'DEAD'");
	}

	@Test
	void badClusterIsRefused() {
		assertThatThrownBy(() -> NodeQuery.parse(null, null, "a}b")).isInstanceOf(IllegalArgumentException.class)
			.hasMessageStartingWith("cluster id must be 1-64 characters");
	}

}
