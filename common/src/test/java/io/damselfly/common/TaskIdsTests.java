package io.damselfly.common;

import java.util.Set;

import io.damselfly.common.id.Ids;
import io.damselfly.common.id.TaskIds;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

class TaskIdsTests {

	@Test
	void deriveIsStableAndIsSha256Hex() {
		String a = TaskIds.derive("http://origin:8000/a.bin", null, null);
		String b = TaskIds.derive("http://origin:8000/a.bin", "", "");
		assertThat(a).isEqualTo(b).matches("[0-9a-f]{64}");
		assertThat(Ids.isTaskId(a)).isTrue();
	}

	@Test
	void tagAndApplicationSeparateTasks() {
		String plain = TaskIds.derive("http://origin/a", null, null);
		assertThat(TaskIds.derive("http://origin/a", "v2", null)).isNotEqualTo(plain);
		assertThat(TaskIds.derive("http://origin/a", null, "app")).isNotEqualTo(plain);
		assertThat(TaskIds.derive("http://origin/a", "x", "y")).isNotEqualTo(TaskIds.derive("http://origin/a", "y", "x"));
	}

	@Test
	void filteredQueryParametersDoNotChangeTheId() {
		Set<String> filter = Set.of("X-Amz-Signature", "Expires");
		String a = TaskIds.derive("https://s3/bucket/k?X-Amz-Signature=aaa&v=1&Expires=10", null, null, filter);
		String b = TaskIds.derive("https://s3/bucket/k?v=1&X-Amz-Signature=bbb&Expires=20", null, null, filter);
		String c = TaskIds.derive("https://s3/bucket/k?v=2&X-Amz-Signature=bbb", null, null, filter);
		assertThat(a).isEqualTo(b).isNotEqualTo(c);
		assertThat(TaskIds.normalizeUrl("https://s3/k?sig=1", Set.of("sig"))).isEqualTo("https://s3/k");
	}

	@Test
	void rejectsUrlsThatAreNotAbsoluteHttp() {
		assertThatIllegalArgumentException().isThrownBy(() -> TaskIds.derive("file:///etc/passwd", null, null))
			.withMessageContaining("http or https");
		assertThatIllegalArgumentException().isThrownBy(() -> TaskIds.derive("/relative", null, null));
		assertThatIllegalArgumentException().isThrownBy(() -> TaskIds.derive("http://", null, null));
		assertThatIllegalArgumentException().isThrownBy(() -> TaskIds.derive("http://a b/", null, null))
			.withMessageContaining("not a valid URI");
		assertThatIllegalArgumentException().isThrownBy(() -> TaskIds.derive(" ", null, null))
			.withMessage("url is required");
	}

	@Test
	void idValidationRefusesPathsAndKeySeparators() {
		assertThat(Ids.isNameId("peer-1.a_b")).isTrue();
		assertThat(Ids.isNameId("../etc")).isFalse();
		assertThat(Ids.isNameId("a/b")).isFalse();
		assertThat(Ids.isNameId("a:b")).isFalse();
		assertThat(Ids.isNameId("a..b")).isFalse();
		assertThat(Ids.isNameId("x".repeat(129))).isFalse();
		assertThat(Ids.isTaskId("A".repeat(64))).isFalse();
		assertThatIllegalArgumentException().isThrownBy(() -> Ids.requireTaskId("abc"))
			.withMessageContaining("64 lower-case hex");
		assertThatIllegalArgumentException().isThrownBy(() -> Ids.requireNameId("peer id", "a/../b"))
			.withMessageStartingWith("peer id must be");
	}

	@Test
	void blobTaskIdNamesTheDigestWhateverRegistryItCameThrough() {
		String digest = "sha256:" + "ab".repeat(32);
		assertThat(TaskIds.forBlob(digest)).matches("[0-9a-f]{64}")
			.isEqualTo(io.damselfly.common.digest.Digests.sha256Hex(digest))
			.isNotEqualTo(TaskIds.forBlob("sha256:" + "cd".repeat(32)));
		assertThatIllegalArgumentException().isThrownBy(() -> TaskIds.forBlob("sha256:ABC"))
			.withMessageContaining("sha256:<64 lower-case hex>");
		assertThatIllegalArgumentException().isThrownBy(() -> TaskIds.forBlob("sha512:" + "ab".repeat(64)));
		assertThatIllegalArgumentException().isThrownBy(() -> TaskIds.forBlob(null));
	}

	@Test
	void givenTaskIdMustBeTheDerivedOneOrTheBlobIdOfTheDigest() {
		String url = "http://registry.example/v2/app/blobs/sha256:" + "ab".repeat(32);
		String digest = "sha256:" + "ab".repeat(32);
		String derived = TaskIds.derive(url, null, null);
		assertThat(TaskIds.resolve(null, url, null, null, digest, java.util.Set.of())).isEqualTo(derived);
		assertThat(TaskIds.resolve(derived, url, null, null, null, java.util.Set.of())).isEqualTo(derived);
		assertThat(TaskIds.resolve(TaskIds.forBlob(digest), url, null, null, digest, java.util.Set.of()))
			.isEqualTo(TaskIds.forBlob(digest));
		assertThatIllegalArgumentException()
			.isThrownBy(() -> TaskIds.resolve(TaskIds.forBlob(digest), url, null, null, null, java.util.Set.of()))
			.withMessageContaining("does not match the id derived");
		assertThatIllegalArgumentException().isThrownBy(
				() -> TaskIds.resolve("cd".repeat(32), url, null, null, digest, java.util.Set.of()));
	}

}
