package io.damselfly.peer.it;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Random;

import io.damselfly.common.digest.Digests;
import io.damselfly.common.download.DownloadAccepted;
import io.damselfly.common.download.DownloadState;
import io.damselfly.common.download.DownloadStatus;
import io.damselfly.common.host.HostType;
import io.damselfly.common.peer.FailureKind;
import io.damselfly.common.peer.PieceResult;
import io.damselfly.common.schedule.ParentInfo;
import io.damselfly.peer.support.CorruptParent;
import io.damselfly.peer.support.PeerDaemon;
import io.damselfly.peer.support.StandInScheduler;
import io.damselfly.peer.support.TestOrigin;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import org.springframework.http.MediaType;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Two real peer daemons, a real origin over HTTP and a stand-in scheduler: back to source in every
 * origin flavour, peer-to-peer transfer, a corrupt parent, local completion and output copies.
 */
class PeerDownloadIntegrationTests {

	static final int PIECE = 64 * 1024;

	@TempDir
	static Path dir;

	static TestOrigin origin;

	static StandInScheduler scheduler;

	static PeerDaemon a;

	static PeerDaemon b;

	@BeforeAll
	static void start() {
		origin = new TestOrigin();
		scheduler = new StandInScheduler();
		a = new PeerDaemon("peer-a", scheduler.url(), dir.resolve("a"));
		b = new PeerDaemon("peer-b", scheduler.url(), dir.resolve("b"));
	}

	@AfterAll
	static void stop() {
		a.close();
		b.close();
		scheduler.close();
		origin.close();
	}

	@BeforeEach
	void resetOrigin() {
		origin.ranges(true).contentLength(true);
	}

	static byte[] bytes(int length, long seed) {
		byte[] data = new byte[length];
		new Random(seed).nextBytes(data);
		return data;
	}

	DownloadStatus fetch(PeerDaemon peer, String url, byte[] expected) {
		DownloadAccepted accepted = peer.download(url, Map.of());
		DownloadStatus status = peer.await(accepted.id());
		assertThat(status.state()).as("%s", status).isEqualTo(DownloadState.SUCCEEDED);
		assertThat(peer.awaitSha256(accepted.id())).isEqualTo(Digests.sha256Hex(expected));
		assertThat(Digests.sha256Hex(peer.content(accepted.id()))).isEqualTo(Digests.sha256Hex(expected));
		assertThat(status.completedBytes()).isEqualTo(expected.length);
		assertThat(status.contentLength()).isEqualTo(expected.length);
		return status;
	}

	@Test
	void firstPeerFetchesFromOriginWithRangesAndSecondPeerGetsEveryByteFromTheFirst() {
		byte[] data = bytes(5 * PIECE + 123, 1);
		origin.put("ranged", data);
		long before = origin.bytesSent();
		DownloadStatus first = fetch(a, origin.url("ranged"), data);
		assertThat(first.bytesFromOrigin()).isEqualTo(data.length);
		assertThat(first.bytesFromPeers()).isZero();
		assertThat(first.backToSourceReason()).contains("first peer");
		assertThat(origin.bytesSent() - before).isEqualTo(data.length);
		List<PieceResult> fromOrigin = scheduler.results.stream()
			.filter((r) -> r.fromOrigin() && r.success() && r.length() > 0).toList();
		assertThat(fromOrigin).extracting(PieceResult::digest)
			.contains(Digests.sha256Hex(java.util.Arrays.copyOfRange(data, 5 * PIECE, data.length)));

		DownloadStatus second = fetch(b, origin.url("ranged"), data);
		assertThat(second.bytesFromOrigin()).isZero();
		assertThat(second.bytesFromPeers()).isEqualTo(data.length);
		assertThat(second.backToSourceReason()).isNull();
		assertThat(second.parents()).singleElement().asString().startsWith("peer-a-");
		assertThat(origin.bytesSent() - before).isEqualTo(data.length);
	}

	@Test
	void reportsTheSchedulersCouldNotTakeAtTheEndAreDeliveredOnceTheyAreBack() throws InterruptedException {
		byte[] data = bytes(4 * PIECE + 9, 5);
		origin.put("outage", data);
		// A first fetcher whose schedulers take its registration, then lose their Redis: the download still
		// succeeds, and its sizes, digests and finish reach the scheduler when it is back.
		scheduler.refuseReports.set(true);
		DownloadAccepted accepted = a.download(origin.url("outage"), Map.of());
		DownloadStatus status = a.await(accepted.id());
		assertThat(status.state()).as("%s", status).isEqualTo(DownloadState.SUCCEEDED);
		String peerId = status.peerId();
		Thread.sleep(1500);
		assertThat(scheduler.finished).as("refused while the scheduler is unavailable").doesNotContainKey(peerId);
		scheduler.refuseReports.set(false);
		long deadline = System.nanoTime() + java.time.Duration.ofSeconds(20).toNanos();
		while (!scheduler.finished.containsKey(peerId) && System.nanoTime() < deadline) {
			Thread.sleep(100);
		}
		assertThat(scheduler.finished).containsKey(peerId);
		assertThat(scheduler.finished.get(peerId).contentLength()).isEqualTo(data.length);
		assertThat(scheduler.results.stream().filter((r) -> r.fromOrigin() && r.success() && r.length() > 0)
			.map(PieceResult::digest))
			.contains(Digests.sha256Hex(java.util.Arrays.copyOfRange(data, 4 * PIECE, data.length)));
		// A child now gets the whole task from the first fetcher.
		DownloadStatus child = fetch(b, origin.url("outage"), data);
		assertThat(child.bytesFromPeers()).isEqualTo(data.length);
	}

	@Test
	void originWithoutRangeSupportIsFetchedAsOneStreamCutIntoPieces() {
		byte[] data = bytes(3 * PIECE + 7, 2);
		origin.put("no-range", data).ranges(false);
		long before = origin.bytesSent();
		DownloadStatus status = fetch(a, origin.url("no-range"), data);
		assertThat(status.bytesFromOrigin()).isEqualTo(data.length);
		assertThat(origin.bytesSent() - before).isEqualTo(data.length);
		DownloadStatus child = fetch(b, origin.url("no-range"), data);
		assertThat(child.bytesFromPeers()).isEqualTo(data.length);
	}

	@Test
	void originWithoutContentLengthIsStreamedAndTheLengthLearntAtTheEnd() {
		byte[] data = bytes(2 * PIECE + 999, 3);
		origin.put("no-length", data).ranges(false).contentLength(false);
		DownloadStatus status = fetch(a, origin.url("no-length"), data);
		assertThat(status.bytesFromOrigin()).isEqualTo(data.length);
		// This origin gives no validator (no ETag, Last-Modified or length): a later download joins the same
		// generation only within the share window's slot, otherwise it is a new generation from the origin.
		DownloadStatus child = fetch(b, origin.url("no-length"), data);
		assertThat(child.bytesFromPeers() + child.bytesFromOrigin()).isEqualTo(data.length);
		if (child.bytesFromOrigin() > 0) {
			assertThat(child.freshness()).startsWith("new generation");
		}
		else {
			assertThat(child.taskId()).isEqualTo(status.taskId());
		}
	}

	@Test
	void emptyFileAndFileSmallerThanOnePieceDownload() {
		origin.put("empty", new byte[0]).put("small", bytes(1000, 4));
		DownloadStatus empty = fetch(a, origin.url("empty"), new byte[0]);
		assertThat(empty.contentLength()).isZero();
		fetch(b, origin.url("empty"), new byte[0]);
		DownloadStatus small = fetch(a, origin.url("small"), bytes(1000, 4));
		assertThat(small.bytesFromOrigin()).isEqualTo(1000);
		assertThat(fetch(b, origin.url("small"), bytes(1000, 4)).bytesFromPeers()).isEqualTo(1000);
	}

	@Test
	void corruptParentIsCaughtBySha256DroppedAndReported() throws Exception {
		byte[] data = bytes(4 * PIECE, 5);
		origin.put("corrupt", data);
		DownloadAccepted first = a.download(origin.url("corrupt"), Map.of());
		assertThat(a.await(first.id()).state()).isEqualTo(DownloadState.SUCCEEDED);
		try (CorruptParent liar = new CorruptParent(data.length, PIECE)) {
			scheduler.extraParents.put(first.taskId(),
					List.of(new ParentInfo("liar-1", "liar-host", liar.url(), HostType.SEED,
							io.damselfly.common.piece.PieceBitmap.full(4).toBase64(), 1.0)));
			DownloadStatus status = fetch(b, origin.url("corrupt"), data);
			assertThat(liar.piecesServed.get()).isPositive();
			assertThat(status.parents()).noneMatch((p) -> p.startsWith("liar"));
			assertThat(status.bytesFromPeers()).isEqualTo(data.length);
			assertThat(scheduler.results).anyMatch((r) -> "liar-1".equals(r.parentPeerId()) && !r.success()
					&& r.failure() == FailureKind.DIGEST_MISMATCH);
		}
	}

	@Test
	void hungParentIsDroppedAfterTheStallTimeoutNotThePieceTimeoutAndReported() throws Exception {
		byte[] data = bytes(4 * PIECE, 10);
		origin.put("hung", data);
		DownloadAccepted first = a.download(origin.url("hung"), Map.of());
		assertThat(a.await(first.id()).state()).isEqualTo(DownloadState.SUCCEEDED);
		try (CorruptParent hung = CorruptParent.hung(data.length, PIECE)) {
			scheduler.extraParents.put(first.taskId(),
					List.of(new ParentInfo("hung-1", "hung-host", hung.url(), HostType.SEED,
							io.damselfly.common.piece.PieceBitmap.full(4).toBase64(), 1.0)));
			long start = System.nanoTime();
			DownloadStatus status = fetch(b, origin.url("hung"), data);
			java.time.Duration took = java.time.Duration.ofNanos(System.nanoTime() - start);
			assertThat(hung.piecesServed.get()).as("the hung parent was asked for a piece").isPositive();
			assertThat(status.parents()).noneMatch((p) -> p.startsWith("hung"));
			assertThat(status.bytesFromPeers()).isEqualTo(data.length);
			assertThat(scheduler.results).anyMatch((r) -> "hung-1".equals(r.parentPeerId()) && !r.success()
					&& r.failure() == FailureKind.TIMEOUT);
			// Dropped by damselfly.peer.piece-stall-timeout (3 s in these tests), before piece-timeout (10 s) would.
			assertThat(took).isLessThan(java.time.Duration.ofSeconds(9));
		}
	}

	@Test
	void taskAlreadyOnDiskCompletesFromLocalStorageAndIsCopiedToOutput() throws Exception {
		byte[] data = bytes(PIECE + 5, 6);
		origin.put("again", data);
		fetch(a, origin.url("again"), data);
		long before = origin.bytesSent();
		Path output = Files.createTempDirectory("damselfly-out").resolve("again.bin");
		DownloadAccepted accepted = a.download(origin.url("again"), Map.of("output", output.toString()));
		DownloadStatus status = a.await(accepted.id());
		assertThat(status.state()).isEqualTo(DownloadState.SUCCEEDED);
		assertThat(status.bytesFromOrigin() + status.bytesFromPeers()).isZero();
		assertThat(origin.bytesSent()).isEqualTo(before);
		assertThat(Files.readAllBytes(output)).isEqualTo(data);
	}

	@Test
	void wrongWholeFileDigestFailsTheDownload() {
		origin.put("digest", bytes(1234, 7));
		DownloadAccepted accepted = a.download(origin.url("digest"),
				Map.of("digest", "sha256:" + "0".repeat(64)));
		DownloadStatus status = a.await(accepted.id());
		assertThat(status.state()).isEqualTo(DownloadState.FAILED);
		assertThat(status.error()).contains("digest mismatch");
	}

	@Test
	void theWholeFileDigestIsHashedWhenAskedForNotAfterEveryDownload() throws InterruptedException {
		byte[] data = bytes(3 * PIECE + 17, 10);
		origin.put("hashed-on-ask", data);
		DownloadAccepted accepted = a.download(origin.url("hashed-on-ask"), Map.of());
		assertThat(a.await(accepted.id()).state()).isEqualTo(DownloadState.SUCCEEDED);
		Thread.sleep(500);
		assertThat(a.status(accepted.id()).sha256()).as("nobody asked for the digest yet").isNull();

		DownloadStatus asked = a.statusWithSha256(accepted.id());
		assertThat(asked.state()).isEqualTo(DownloadState.SUCCEEDED);
		assertThat(asked.sha256()).as("the answer waits for the hash").isEqualTo(Digests.sha256Hex(data));
		assertThat(a.status(accepted.id()).sha256()).isEqualTo(Digests.sha256Hex(data));

		a.client.get().uri("/api/v1/downloads/{id}?sha256=maybe", accepted.id()).exchange()
			.expectStatus().isBadRequest()
			.expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON)
			.expectBody().jsonPath("$.detail").isEqualTo("parameter sha256: 'maybe' is not a boolean");
	}

	@Test
	void aStatusRequestWithWaitIsAnsweredAtTheEndOrWhenTheWaitIsOver() {
		origin.put("waited", bytes(2 * PIECE, 11)).delay(java.time.Duration.ofMillis(1500));
		try {
			DownloadAccepted accepted = a.download(origin.url("waited"), Map.of());
			long start = System.nanoTime();
			DownloadStatus held = a.client.get().uri("/api/v1/downloads/{id}?wait=1", accepted.id()).exchange()
				.expectStatus().isOk().expectBody(DownloadStatus.class).returnResult().getResponseBody();
			long heldMillis = (System.nanoTime() - start) / 1_000_000;
			assertThat(held.state()).as("the origin answers after 1.5 s").isIn(DownloadState.PENDING, DownloadState.RUNNING);
			assertThat(heldMillis).as("held for the wait").isBetween(900L, 1900L);

			DownloadStatus ended = a.client.get().uri("/api/v1/downloads/{id}?wait=30", accepted.id()).exchange()
				.expectStatus().isOk().expectBody(DownloadStatus.class).returnResult().getResponseBody();
			long endedMillis = (System.nanoTime() - start) / 1_000_000;
			assertThat(ended.state()).isEqualTo(DownloadState.SUCCEEDED);
			assertThat(endedMillis).as("answered at the end, not after 30 s").isLessThan(20_000L);
			assertThat(ended.finishedAt()).isNotNull();
		}
		finally {
			origin.delay(java.time.Duration.ZERO);
		}
		a.client.get().uri("/api/v1/downloads/{id}?wait=31", "dl-0123456789abcdef").exchange()
			.expectStatus().isBadRequest()
			.expectBody().jsonPath("$.detail").isEqualTo("wait must be 0 to 30 seconds, not 31");
	}

	@Test
	void aRequestedWholeFileDigestIsCheckedBeforeTheDownloadSucceeds() {
		byte[] data = bytes(2 * PIECE + 3, 9);
		origin.put("digested", data);
		DownloadAccepted accepted = a.download(origin.url("digested"),
				Map.of("digest", "sha256:" + Digests.sha256Hex(data)));
		DownloadStatus status = a.await(accepted.id());
		assertThat(status.state()).isEqualTo(DownloadState.SUCCEEDED);
		assertThat(status.sha256()).isEqualTo(Digests.sha256Hex(data));
	}

	@Test
	void originHeadersPassThroughToTheOrigin() {
		origin.put("private", bytes(100, 8));
		DownloadAccepted accepted = a.download(origin.url("private"),
				Map.of("headers", Map.of("Authorization", "Bearer secret-token")));
		assertThat(a.await(accepted.id()).state()).isEqualTo(DownloadState.SUCCEEDED);
		assertThat(origin.lastAuthorization).isEqualTo("Bearer secret-token");
	}

	@Test
	void twoDownloadsOfOneTaskOnOneDaemonShareOneFetch() {
		byte[] data = bytes(3 * PIECE, 10);
		origin.put("shared", data).delay(java.time.Duration.ofMillis(300));
		try {
			long before = origin.bytesSent();
			DownloadAccepted one = b.download(origin.url("shared"), Map.of());
			DownloadAccepted two = b.download(origin.url("shared"), Map.of());
			assertThat(two.taskId()).isEqualTo(one.taskId());
			assertThat(two.id()).isNotEqualTo(one.id());
			assertThat(b.await(one.id()).state()).isEqualTo(DownloadState.SUCCEEDED);
			DownloadStatus second = b.await(two.id());
			assertThat(second.state()).isEqualTo(DownloadState.SUCCEEDED);
			assertThat(second.bytesFromOrigin()).isEqualTo(data.length);
			assertThat(origin.bytesSent() - before).isEqualTo(data.length);
		}
		finally {
			origin.delay(java.time.Duration.ZERO);
		}
	}

	@Test
	void hostAnnouncesWithAHealthSnapshot() {
		PeerDaemon.sleep(100);
		assertThat(scheduler.host("peer-a")).isNotNull();
		assertThat(scheduler.host("peer-a").health().details()).containsKeys("diskSpace", "diskIo");
		assertThat(scheduler.host("peer-a").uploadSlots()).isEqualTo(200);
	}

}
