package io.damselfly.peer.proxy;

import java.net.URI;
import java.util.List;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

class ProxyRouterTests {

	static final String DIGEST = "sha256:" + "0a".repeat(32);

	final ProxyRouter router = new ProxyRouter(List.of(Pattern.compile("/v2/.+/blobs/sha256:[0-9a-f]{64}")),
			URI.create("http://default.example:5000"));

	@Test
	void registryHeaderWinsOverNsAndTheDefault() {
		Route route = router.route("GET", "/v2/library/app/blobs/" + DIGEST + "?ns=docker.io", "http://10.0.0.7:5000",
				null);
		assertThat(route.target()).isEqualTo(URI.create("http://10.0.0.7:5000/v2/library/app/blobs/" + DIGEST));
		assertThat(route.dialect()).isEqualTo("mirror");
		assertThat(route.p2p()).isTrue();
		assertThat(route.digest()).isEqualTo(DIGEST);
	}

	@Test
	void nsNamesTheRegistryOverHttpsWithDockerIoAtItsApiHost() {
		assertThat(router.route("GET", "/v2/library/alpine/manifests/3?ns=docker.io", null, null).target())
			.isEqualTo(URI.create("https://registry-1.docker.io/v2/library/alpine/manifests/3"));
		assertThat(router.route("GET", "/v2/x/manifests/1?foo=1&ns=ghcr.io", null, null).target())
			.isEqualTo(URI.create("https://ghcr.io/v2/x/manifests/1?foo=1"));
		assertThatIllegalArgumentException().isThrownBy(() -> router.route("GET", "/v2/x?ns=evil/../", null, null));
	}

	@Test
	void defaultUpstreamWhenTheRequestNamesNone() {
		assertThat(router.route("GET", "/v2/", null, null).target()).isEqualTo(URI.create("http://default.example:5000/v2/"));
		ProxyRouter none = new ProxyRouter(List.of(), null);
		assertThatIllegalArgumentException().isThrownBy(() -> none.route("GET", "/v2/", null, null))
			.withMessageContaining("registry-mirror.upstream");
	}

	@Test
	void onlyMatchingGetsGoPeerToPeer() {
		assertThat(router.route("HEAD", "/v2/app/blobs/" + DIGEST, null, null).p2p()).isFalse();
		assertThat(router.route("GET", "/v2/app/manifests/" + DIGEST, null, null).p2p()).isFalse();
		assertThat(router.route("GET", "http://files.example/big.iso", null, null).p2p()).isFalse();
		Route asked = router.route("GET", "http://files.example/big.iso", null, "true");
		assertThat(asked.p2p()).isTrue();
		assertThat(asked.dialect()).isEqualTo("forward");
		assertThat(asked.digest()).isNull();
	}

	@Test
	void originFormThatIsNotARegistryRequestIsRefused() {
		assertThatIllegalArgumentException().isThrownBy(() -> router.route("GET", "/etc/passwd", null, null));
		assertThatIllegalArgumentException()
			.isThrownBy(() -> router.route("GET", "/v2/", "gopher://x", null))
			.withMessageContaining("X-Damselfly-Registry");
	}

}
