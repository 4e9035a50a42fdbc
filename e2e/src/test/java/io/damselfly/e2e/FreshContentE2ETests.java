package io.damselfly.e2e;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import io.damselfly.cli.http.ApiError;
import io.damselfly.cli.http.DownloadRunner;
import io.damselfly.cli.http.PeerApi;
import io.damselfly.cli.origin.DemoOrigin;
import io.damselfly.common.download.DownloadRequest;
import io.damselfly.common.download.DownloadState;
import io.damselfly.common.download.DownloadStatus;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Fresh content (docs/architecture.md#trust-and-security) on one cluster of real processes (a
 * scheduler, a seed, three peers): content replaced at the origin is fetched again through another
 * peer and through the same one; unchanged content costs the origin one conditional request; an origin
 * without validators follows the URL's revalidation policy; an origin down during revalidation is
 * answered with the known generation, said to be stale, or refused when the peer may not serve stale.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class FreshContentE2ETests {

	private static final long MIB = 1024 * 1024;

	private static final long SIZE = 6 * MIB + 321;

	private E2eCluster cluster;

	@BeforeAll
	void startCluster() throws Exception {
		cluster = E2eCluster.start("fresh", 24400, 1, 1, 3,
				List.of("all:damselfly.origin.revalidate-rules[0].pattern=/files/never-",
						"all:damselfly.origin.revalidate-rules[0].policy=never",
						"all:damselfly.origin.revalidate-rules[1].pattern=/files/ttl-",
						"all:damselfly.origin.revalidate-rules[1].policy=10s",
						"all:damselfly.origin.unvalidated-share-window=3s",
						"peer-3:damselfly.origin.serve-stale-when-down=false"));
	}

	@AfterAll
	void stopCluster() {
		if (cluster != null) {
			printRevalidationTimes();
			cluster.close();
		}
	}

	@Test
	void fileReplacedAtTheOriginGivesTheNewContentThroughAnotherPeerAndTheSamePeer() throws Exception {
		String first = generate("latest.bin", 1);
		String url = cluster.origin.serve("latest.bin", path("latest.bin", 1));
		DownloadStatus before = download("peer-1", url, first);
		assertThat(before.freshness()).isEqualTo("validated at origin");

		String second = generate("latest.bin", 2);
		cluster.origin.replace("latest.bin", path("latest.bin", 2));
		DownloadStatus other = download("peer-2", url, second);
		assertThat(other.freshness()).as("peer-2 knew the swarm's generation").isEqualTo("changed at origin");
		assertThat(other.taskId()).isNotEqualTo(before.taskId());
		DownloadStatus same = download("peer-1", url, second);
		assertThat(same.freshness()).isEqualTo("changed at origin");
		assertThat(same.taskId()).isEqualTo(other.taskId());
		assertThat(cluster.origin.bytesSent("latest.bin")).as("each generation fetched from the origin about once")
			.isLessThanOrEqualTo((long) (2 * SIZE * 1.05));
	}

	@Test
	void unchangedFileCostsTheOriginOnlyTheConditionalRequest() throws Exception {
		String sha = generate("same.bin", 3);
		String url = cluster.origin.serve("same.bin", path("same.bin", 3));
		DownloadStatus first = download("peer-1", url, sha);
		long gets = cluster.origin.gets("same.bin");
		long heads = cluster.origin.heads("same.bin");
		long bytes = cluster.origin.bytesSent("same.bin");
		// A seed the scheduler triggered twice (its first answer was slow) may already have asked conditionally.
		long notModified = cluster.origin.notModified("same.bin");
		assertThat(bytes).isEqualTo(SIZE);

		DownloadStatus again = download("peer-1", url, sha);
		assertThat(again.freshness()).isEqualTo("revalidated");
		assertThat(again.taskId()).isEqualTo(first.taskId());
		assertThat(cluster.origin.heads("same.bin") - heads).as("one conditional HEAD").isEqualTo(1);
		assertThat(cluster.origin.notModified("same.bin") - notModified).as("answered 304").isEqualTo(1);
		DownloadStatus other = download("peer-3", url, sha);
		assertThat(other.freshness()).isEqualTo("revalidated");
		assertThat(other.bytesFromOrigin()).isZero();
		assertThat(cluster.origin.heads("same.bin") - heads).as("one HEAD per download").isEqualTo(2);
		assertThat(cluster.origin.gets("same.bin")).as("no GET after the first fetch").isEqualTo(gets);
		assertThat(cluster.origin.bytesSent("same.bin")).isEqualTo(bytes);
		System.out.printf("same.bin: %d GETs and %d HEADs for the first fetch, then one HEAD per download (%d 304)%n",
				gets, heads, cluster.origin.notModified("same.bin"));
	}

	@Test
	void originWithoutValidatorsIsFetchedAgainUnderTheDefaultPolicy() throws Exception {
		String sha = generate("plain.bin", 4);
		String url = cluster.origin.serve("plain.bin", path("plain.bin", 4), false, false, null, false);
		DownloadStatus first = download("peer-1", url, sha);
		Thread.sleep(3500);
		DownloadStatus second = download("peer-2", url, sha);
		assertThat(second.freshness()).startsWith("new generation: the origin gives no validator");
		assertThat(second.taskId()).isNotEqualTo(first.taskId());
		assertThat(cluster.origin.bytesSent("plain.bin")).as("nothing proves the swarm's copy is current")
			.isGreaterThanOrEqualTo(2 * SIZE);
	}

	@Test
	void originWithoutValidatorsUnderPolicyNeverKeepsTheKnownGenerationWithoutAsking() throws Exception {
		String old = generate("never-pkg.bin", 5);
		String url = cluster.origin.serve("never-pkg.bin", path("never-pkg.bin", 5), false, false, null, false);
		download("peer-1", url, old);
		long requests = cluster.origin.requests("never-pkg.bin");
		generate("never-pkg.bin", 6);
		cluster.origin.replace("never-pkg.bin", path("never-pkg.bin", 6));
		DownloadStatus kept = download("peer-2", url, old);
		assertThat(kept.freshness()).isEqualTo("not checked: revalidate policy is never");
		assertThat(cluster.origin.requests("never-pkg.bin")).as("the origin was not asked").isEqualTo(requests);
	}

	@Test
	void originWithoutValidatorsUnderPolicyTtlReusesTheGenerationUntilTheTtlRunsOut() throws Exception {
		String old = generate("ttl-pkg.bin", 7);
		String url = cluster.origin.serve("ttl-pkg.bin", path("ttl-pkg.bin", 7), false, false, null, false);
		download("peer-1", url, old);
		String fresh = generate("ttl-pkg.bin", 8);
		cluster.origin.replace("ttl-pkg.bin", path("ttl-pkg.bin", 8));
		DownloadStatus within = download("peer-2", url, old);
		assertThat(within.freshness()).startsWith("not checked: confirmed with the origin").endsWith("policy 10s");
		Thread.sleep(10_500);
		DownloadStatus after = download("peer-2", url, fresh);
		assertThat(after.freshness()).startsWith("new generation");
	}

	@Test
	void originDownDuringRevalidationServesTheKnownGenerationStaleAndSaysSo() throws Exception {
		DemoOrigin origin = DemoOrigin.start(0);
		String sha = generate("down.bin", 9);
		String url = origin.serve("down.bin", path("down.bin", 9));
		download("peer-1", url, sha);
		origin.close();
		for (String peer : List.of("peer-2", "peer-1")) {
			DownloadStatus stale = download(peer, url, sha);
			assertThat(stale.freshness()).as(peer).startsWith("served stale: origin unreachable");
			assertThat(stale.bytesFromOrigin()).isZero();
		}
		assertThatThrownBy(() -> new PeerApi(cluster.node("peer-3").url())
			.start(new DownloadRequest(url, null, null, null, null, null)))
			.isInstanceOfSatisfying(ApiError.class, (ex) -> assertThat(ex.status()).isEqualTo(502))
			.hasMessageContaining("serve-stale-when-down is false");
	}

	/** What each peer's revalidation checks took, from its own timer, for BENCHMARKS.md. */
	private void printRevalidationTimes() {
		for (String peer : List.of("peer-1", "peer-2", "peer-3")) {
			try (java.io.InputStream in = io.damselfly.cli.http.Http.stream(cluster.node(peer).url() + "/actuator/prometheus")) {
				String metrics = new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
				metrics.lines().filter((line) -> line.startsWith("damselfly_peer_revalidation_seconds_"))
					.forEach((line) -> System.out.println(peer + " " + line));
			}
			catch (RuntimeException | java.io.IOException ex) {
				System.out.println(peer + ": no revalidation metrics (" + ex + ")");
			}
		}
	}

	private DownloadStatus download(String peer, String url, String sha) throws Exception {
		DownloadRunner.Result result = cluster.downloadAll(List.of(peer), url, Map.of()).get(0);
		assertThat(result.status().state()).as(peer + ": " + result.status()).isEqualTo(DownloadState.SUCCEEDED);
		assertThat(result.sha256()).as(peer + " sha256 (" + result.status().freshness() + ")").isEqualTo(sha);
		System.out.printf("%s %s: %s, task %s, %d bytes from origin%n", peer, url.substring(url.lastIndexOf('/') + 1),
				result.status().freshness(), result.status().taskId(), result.status().bytesFromOrigin());
		return result.status();
	}

	private String generate(String name, long seed) {
		return DemoOrigin.generate(path(name, seed), SIZE, seed);
	}

	private Path path(String name, long seed) {
		return cluster.dir.resolve("origin").resolve(seed + "-" + name);
	}

}
