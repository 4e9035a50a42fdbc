package io.damselfly.peer.it;

import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Random;

import io.damselfly.common.digest.Digests;
import io.damselfly.common.download.DownloadAccepted;
import io.damselfly.common.download.DownloadState;
import io.damselfly.common.download.DownloadStatus;
import io.damselfly.peer.support.PeerDaemon;
import io.damselfly.peer.support.StandInScheduler;
import io.damselfly.peer.support.TestRegistry;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Back to source through redirects, on a real daemon against a real HTTP origin: chains are followed,
 * loops and long chains fail, a 3xx or an error answer is never stored as content, credentials stay on
 * their origin; and the content API answers Range requests.
 */
class OriginRedirectTests {

	@TempDir
	static Path dir;

	static TestRegistry origin;

	static StandInScheduler scheduler;

	static PeerDaemon peer;

	/** A daemon with the default origin policy: no loopback origins. */
	static PeerDaemon strict;

	static final byte[] DATA = bytes(300_000, 7);

	@BeforeAll
	static void start() {
		origin = new TestRegistry().file("data", DATA);
		scheduler = new StandInScheduler();
		peer = new PeerDaemon("peer-redirects", scheduler.url(), dir.resolve("p"));
		strict = new PeerDaemon("peer-strict", scheduler.url(), dir.resolve("s"),
				Map.of("damselfly.origin.allow-loopback", "false"));
	}

	@AfterAll
	static void stop() {
		strict.close();
		peer.close();
		scheduler.close();
		origin.close();
	}

	static byte[] bytes(int length, long seed) {
		byte[] data = new byte[length];
		new Random(seed).nextBytes(data);
		return data;
	}

	DownloadStatus download(String path, Map<String, Object> more) {
		DownloadAccepted accepted = peer.download(origin.base() + path, more);
		return peer.await(accepted.id());
	}

	@Test
	void redirectChainIsFollowedToTheContent() {
		origin.redirect("/chain/1", 302, "/chain/2").redirect("/chain/2", 307, origin.base() + "/chain/3")
			.redirect("/chain/3", 301, "/files/data");
		DownloadStatus status = download("/chain/1", Map.of());
		assertThat(status.state()).as("%s", status).isEqualTo(DownloadState.SUCCEEDED);
		assertThat(status.contentLength()).isEqualTo(DATA.length);
		assertThat(Digests.sha256Hex(peer.content(status.id()))).isEqualTo(Digests.sha256Hex(DATA));
	}

	@Test
	void aRangeRequestThatIsRedirectedIsFollowedAndTheNextPiecesGoWhereItLed() {
		byte[] big = bytes(1_000_000, 11);
		int pieces = (1_000_000 + 65_535) / 65_536;
		origin.file("big", big).redirectRanges("/signed/big", "big");
		int mark = origin.log.size();
		int agentsMark = origin.agents.size();
		DownloadStatus status = download("/signed/big", Map.of());
		List<String> log = List.copyOf(origin.log.subList(mark, origin.log.size()));
		assertThat(status.state()).as("%s", status).isEqualTo(DownloadState.SUCCEEDED);
		assertThat(Digests.sha256Hex(peer.content(status.id()))).isEqualTo(Digests.sha256Hex(big));
		// Each piece of the first wave met the 302 on the blocking client, stored nothing, and was fetched
		// again by the reactive client, which followed the redirect (or, once one had, went straight to where
		// it led); every later piece went there on the kept-alive client.
		List<String> agents = List.copyOf(origin.agents.subList(agentsMark, origin.agents.size()));
		long blockingOnFirstUrl = agents.stream().filter((line) -> line.equals("GET /signed/big damselfly-peer")).count();
		long blockingWhereItLed = agents.stream().filter((line) -> line.equals("GET /files/big damselfly-peer")).count();
		long followed = log.stream().filter((line) -> line.startsWith("GET /files/big")).count();
		assertThat(blockingOnFirstUrl).as("blocking attempts on the first URL, at most one wave of pieces: %s", agents)
			.isBetween(1L, 6L);
		assertThat(blockingWhereItLed).as("pieces after the first wave on the kept-alive client: %s", agents)
			.isEqualTo(pieces - blockingOnFirstUrl);
		assertThat(followed).as("every piece came from where the redirect led: %s", agents).isEqualTo(pieces);
	}

	@Test
	void redirectLoopFailsTheDownload() {
		origin.redirect("/loop/a", 302, "/loop/b").redirect("/loop/b", 302, "/loop/a");
		DownloadStatus status = download("/loop/a", Map.of());
		assertThat(status.state()).isEqualTo(DownloadState.FAILED);
		assertThat(status.error()).contains("redirect loop").contains("/loop/b");
	}

	@Test
	void moreThanFiveRedirectsFailTheDownload() {
		for (int i = 0; i < 7; i++) {
			origin.redirect("/long/" + i, 307, "/long/" + (i + 1));
		}
		DownloadStatus status = download("/long/0", Map.of());
		assertThat(status.state()).isEqualTo(DownloadState.FAILED);
		assertThat(status.error()).contains("more than 5 redirects");
	}

	@Test
	void redirectIsNeverStoredAsContent() {
		origin.redirect("/nowhere", 302, "/missing");
		// The origin's question before the download follows the redirect too and meets the 404: the
		// request is refused with the origin's status and nothing is stored.
		peer.client.post().uri("/api/v1/downloads").bodyValue(Map.of("url", origin.base() + "/nowhere")).exchange()
			.expectStatus().isNotFound()
			.expectBody(String.class).value((body) -> assertThat(body).contains("404"));
		assertThat(origin.log).anyMatch((line) -> line.contains("/missing"));
		origin.redirect("/no-location", 302, "");
		DownloadStatus bare = download("/no-location", Map.of());
		assertThat(bare.state()).isEqualTo(DownloadState.FAILED);
		assertThat(bare.error()).contains("302");
	}

	@Test
	void aRedirectToTheMetadataServiceIsRefusedBeforeAnyConnection() {
		origin.redirect("/meta", 302, "http://169.254.169.254/latest/meta-data/");
		origin.log.clear();
		peer.client.post().uri("/api/v1/downloads").bodyValue(Map.of("url", origin.base() + "/meta")).exchange()
			.expectStatus().isBadRequest()
			.expectBody().jsonPath("$.detail").value((detail) -> assertThat(String.valueOf(detail))
				.contains("169.254.169.254").contains("link-local"));
		assertThat(origin.log).isNotEmpty().allMatch((line) -> line.contains("/meta"));
	}

	@Test
	void aLoopbackOriginIsRefusedByAddressAndByNameUnlessAllowed() {
		origin.log.clear();
		String port = origin.base().substring(origin.base().lastIndexOf(':') + 1);
		for (String url : new String[] { origin.base() + "/files/data", "http://localhost:" + port + "/files/data",
				"http://[::ffff:127.0.0.1]:" + port + "/files/data" }) {
			strict.client.post().uri("/api/v1/downloads").bodyValue(Map.of("url", url)).exchange()
				.expectStatus().isBadRequest()
				.expectBody().jsonPath("$.detail").value((detail) -> assertThat(String.valueOf(detail))
					.as(url).contains("loopback").contains("damselfly.origin.allow-loopback"));
		}
		assertThat(origin.log).as("no request reached the origin").isEmpty();
	}

	@Test
	void credentialsAreDroppedWhenTheRedirectLeavesTheOrigin() {
		origin.redirect("/cross", 302, origin.otherOrigin() + "/files/data");
		origin.log.clear();
		DownloadStatus status = download("/cross", Map.of("headers", Map.of("Authorization", "Bearer secret")));
		assertThat(status.state()).as("%s", status).isEqualTo(DownloadState.SUCCEEDED);
		assertThat(origin.log).anyMatch((line) -> line.contains("/cross Bearer secret"))
			.filteredOn((line) -> line.contains("/files/data")).isNotEmpty().allMatch((line) -> line.endsWith(" null"));
	}

	@Test
	void contentAnswersRangeRequests() {
		DownloadStatus status = download("/files/data", Map.of());
		assertThat(status.state()).isEqualTo(DownloadState.SUCCEEDED);
		byte[] part = peer.client.get().uri("/api/v1/downloads/{id}/content", status.id()).header("Range", "bytes=1000-1999")
			.exchange().expectStatus().isEqualTo(206)
			.expectHeader().valueEquals("Content-Range", "bytes 1000-1999/" + DATA.length)
			.expectBody(byte[].class).returnResult().getResponseBody();
		assertThat(part).isEqualTo(Arrays.copyOfRange(DATA, 1000, 2000));
		byte[] tail = peer.client.get().uri("/api/v1/downloads/{id}/content", status.id()).header("Range", "bytes=-10")
			.exchange().expectStatus().isEqualTo(206).expectBody(byte[].class).returnResult().getResponseBody();
		assertThat(tail).isEqualTo(Arrays.copyOfRange(DATA, DATA.length - 10, DATA.length));
		peer.client.get().uri("/api/v1/downloads/{id}/content", status.id()).header("Range", "bytes=" + DATA.length + "-")
			.exchange().expectStatus().isEqualTo(416).expectHeader().valueEquals("Content-Range", "bytes */" + DATA.length);
	}

}
