package io.damselfly.peer.it;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;

import io.damselfly.common.digest.Digests;
import io.damselfly.common.download.DownloadAccepted;
import io.damselfly.common.download.DownloadState;
import io.damselfly.common.download.DownloadStatus;
import io.damselfly.peer.support.PeerDaemon;
import io.damselfly.peer.support.SchedulerProcess;
import io.damselfly.peer.support.StandInManager;
import io.damselfly.peer.support.TestOrigin;
import io.damselfly.redis.LocalRedisServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Against the REAL scheduler (its jar as a process, on a real Redis), with a seed and three peers that
 * find the scheduler through a stand-in manager: three peers downloading one file at once make the
 * origin serve it about once, the scheduler's seed trigger doing the fetch. Skipped when the scheduler
 * jar has not been built (the stand-in tests cover the peer's logic).
 */
class RealSchedulerIntegrationTests {

	@TempDir
	static Path dir;

	static LocalRedisServer redis;

	static StandInManager manager;

	static SchedulerProcess scheduler;

	static TestOrigin origin;

	static final List<PeerDaemon> daemons = new ArrayList<>();

	@BeforeAll
	static void start() throws Exception {
		Assumptions.assumeTrue(Files.exists(SchedulerProcess.jar()), "scheduler jar not built");
		redis = LocalRedisServer.onFreePort().start();
		manager = new StandInManager();
		scheduler = new SchedulerProcess(dir.resolve("scheduler"), redis.endpoint().url(), manager.url());
		origin = new TestOrigin();
		Map<String, String> viaManager = Map.of("damselfly.manager.url", manager.url(),
				"damselfly.peer.schedulers", "");
		daemons.add(new PeerDaemon("seed-1", "", dir.resolve("seed"),
				merge(viaManager, Map.of("damselfly.peer.mode", "seed"))));
		for (int i = 1; i <= 3; i++) {
			daemons.add(new PeerDaemon("peer-" + i, "", dir.resolve("peer-" + i), viaManager));
		}
	}

	static Map<String, String> merge(Map<String, String> a, Map<String, String> b) {
		Map<String, String> out = new java.util.HashMap<>(a);
		out.putAll(b);
		return out;
	}

	@AfterAll
	static void stop() {
		daemons.forEach(PeerDaemon::close);
		if (scheduler != null) {
			scheduler.close();
		}
		if (origin != null) {
			origin.close();
		}
		if (manager != null) {
			manager.close();
		}
		if (redis != null) {
			redis.stop();
		}
	}

	@Test
	void threePeersAtOnceMakeTheOriginServeTheFileAboutOnce() {
		byte[] data = new byte[2 * 1024 * 1024 + 4321];
		new Random(11).nextBytes(data);
		origin.put("shared", data);
		PeerDaemon.sleep(1500);
		assertThat(manager.nodes().keySet()).anyMatch((id) -> id.startsWith("seed-"))
			.anyMatch((id) -> id.startsWith("scheduler-"));
		downloadAtOnce(origin, "shared", data);
	}

	@Test
	void threePeersAtOnceFromAnOriginWithoutRangeOrContentLength() {
		byte[] data = new byte[1024 * 1024 + 77];
		new Random(12).nextBytes(data);
		try (TestOrigin plain = new TestOrigin()) {
			plain.ranges(false).contentLength(false).put("plain", data);
			downloadAtOnce(plain, "plain", data);
		}
	}

	/**
	 * A Redis failover that loses the record that the seed was sent to the origin: the scheduler refuses
	 * the seed's origin pieces (403), the seed asks to be scheduled again, is sent to the origin again, and
	 * its pieces and digests are taken, so the peers still get every byte from the seed.
	 */
	@Test
	void aLostOriginRecordIsRestoredByScheduling() throws Exception {
		byte[] data = new byte[3 * 1024 * 1024 + 99];
		new Random(13).nextBytes(data);
		try (TestOrigin slow = new TestOrigin()) {
			// Slow answers leave time to drop the record between the decision and the first report.
			slow.delay(java.time.Duration.ofMillis(1500)).put("sanction", data);
			PeerDaemon peer = daemons.get(1);
			DownloadAccepted accepted = peer.download(slow.url("sanction"), Map.of());
			String dropped = "";
			long deadline = System.nanoTime() + java.time.Duration.ofSeconds(30).toNanos();
			while (dropped.isEmpty() && System.nanoTime() < deadline) {
				dropped = redis("local ks = redis.call('KEYS', 'df:task:*:origin') for _, k in ipairs(ks) do "
						+ "for _, m in ipairs(redis.call('SMEMBERS', k)) do if string.sub(m, 1, 7) == 'seed-1-' then "
						+ "redis.call('DEL', k) return k end end end return ''");
				PeerDaemon.sleep(5);
			}
			assertThat(dropped).as("the seed was sent to the origin and its record dropped").endsWith(":origin");

			DownloadStatus status = peer.await(accepted.id());
			assertThat(status.state()).as("%s", status).isEqualTo(DownloadState.SUCCEEDED);
			assertThat(peer.awaitSha256(accepted.id())).isEqualTo(Digests.sha256Hex(data));
			assertThat(status.bytesFromOrigin()).as("the peer's bytes came from the seed").isZero();
			// The sizes are taken only from a peer in the origin set: the seed was sanctioned again.
			String task = dropped.substring(0, dropped.length() - ":origin".length());
			assertThat(redis("return tostring(redis.call('HGET', '" + task + "', 'contentLength'))"))
				.isEqualTo(String.valueOf(data.length));
			assertThat(slow.bytesSent()).isLessThanOrEqualTo((long) (data.length * 1.05));
		}
	}

	/** Runs a Lua script on the scheduler's Redis and returns its string answer. */
	private static String redis(String script) throws java.io.IOException {
		return io.damselfly.redis.LocalRedisCluster.command(redis.port(), "EVAL", script, "0");
	}

	private void downloadAtOnce(TestOrigin origin, String name, byte[] data) {
		List<PeerDaemon> peers = daemons.subList(1, 4);
		List<DownloadAccepted> accepted = peers.stream().map((p) -> p.download(origin.url(name), Map.of()))
			.toList();
		long fromOrigin = 0;
		for (int i = 0; i < peers.size(); i++) {
			DownloadStatus status = peers.get(i).await(accepted.get(i).id());
			assertThat(status.state()).as("%s", status).isEqualTo(DownloadState.SUCCEEDED);
			assertThat(peers.get(i).awaitSha256(accepted.get(i).id())).isEqualTo(Digests.sha256Hex(data));
			assertThat(Digests.sha256Hex(peers.get(i).content(accepted.get(i).id()))).isEqualTo(Digests.sha256Hex(data));
			fromOrigin += status.bytesFromOrigin();
			if (status.bytesFromOrigin() > 0) {
				assertThat(status.backToSourceReason()).isNotBlank();
			}
		}
		assertThat(origin.bytesSent()).isLessThanOrEqualTo((long) (data.length * 1.05));
		assertThat(fromOrigin).isLessThanOrEqualTo((long) (data.length * 1.05));
	}

}
