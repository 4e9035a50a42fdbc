package io.damselfly.peer.download;

import java.util.List;
import java.util.Map;

import io.damselfly.common.id.Ids;
import io.damselfly.peer.identity.PeerIdentity;
import io.damselfly.peer.source.OriginHeaders;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

class IdsAndOrderingTests {

	@Test
	void defaultHostIdsAreSanitizedToTheNameIdPattern() {
		for (String raw : List.of("normal-my host.local-8100", "..evil/../x", "-lead", "ü-ñ", "x".repeat(300))) {
			String id = PeerIdentity.sanitize(raw);
			assertThat(Ids.isNameId(id)).as(id).isTrue();
			assertThat(Ids.isNameId(id + "-0a1b2c3d")).as(id).isTrue();
		}
	}

	@Test
	void originHeadersPassThroughButFramingHeadersAreDroppedAndBadOnesRefused() {
		assertThat(OriginHeaders.sanitize(Map.of("Authorization", "Bearer x", "Range", "bytes=0-1", "Host", "h")))
			.containsOnlyKeys("Authorization");
		assertThatIllegalArgumentException().isThrownBy(() -> OriginHeaders.sanitize(Map.of("X-A", "v\r\nInjected: 1")))
			.withMessageContaining("X-A");
	}

}
