package io.damselfly.common;

import io.damselfly.common.id.Ids;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** A peer id names its host exactly, so a host's token can be held to its own peers. */
class IdsTests {

	@Test
	void aPeerIdIsItsHostsIdADashAndEightHexDigits() {
		String id = Ids.peerId("peer-node-a-8100", 0x0a0b0c0d);
		assertThat(id).isEqualTo("peer-node-a-8100-0a0b0c0d");
		assertThat(Ids.isNameId(id)).isTrue();
		assertThat(Ids.isPeerOf("peer-node-a-8100", id)).isTrue();
		assertThat(Ids.isPeerOf("peer-node-a-8100", Ids.peerId("peer-node-a-8100", -1))).isTrue();
	}

	@Test
	void anotherHostsPeerIsNotOneOfItsEvenWhenItsIdStartsTheSame() {
		assertThat(Ids.isPeerOf("peer-a", "peer-b-0a0b0c0d")).isFalse();
		// Host "peer-a-1" is another host, though its peers' ids start with "peer-a-".
		assertThat(Ids.isPeerOf("peer-a", "peer-a-1-0a0b0c0d")).isFalse();
		assertThat(Ids.isPeerOf("peer-a", "peer-a-0a0b0c0")).as("7 digits").isFalse();
		assertThat(Ids.isPeerOf("peer-a", "peer-a-0a0b0c0z")).as("not hex").isFalse();
		assertThat(Ids.isPeerOf("peer-a", "peer-a_0a0b0c0d")).as("no dash").isFalse();
		assertThat(Ids.isPeerOf("peer-a", "peer-a")).isFalse();
	}

}
