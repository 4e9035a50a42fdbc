package io.damselfly.common;

import io.damselfly.common.digest.Digests;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

class DigestsTests {

	@Test
	void sha256OfKnownInput() {
		assertThat(Digests.sha256Hex("abc"))
			.isEqualTo("ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
		assertThat(Digests.sha256Hex(new byte[0]))
			.isEqualTo("e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
	}

	@Test
	void userDigestMustBeSha256Notation() {
		String hex = Digests.sha256Hex("abc");
		assertThat(Digests.parseUserDigest("sha256:" + hex.toUpperCase())).isEqualTo(hex);
		assertThat(Digests.toUserDigest(hex)).isEqualTo("sha256:" + hex);
		assertThatIllegalArgumentException().isThrownBy(() -> Digests.parseUserDigest("md5:abc"))
			.withMessageContaining("sha256:");
		assertThatIllegalArgumentException().isThrownBy(() -> Digests.parseUserDigest("sha256:xyz"));
	}

}
