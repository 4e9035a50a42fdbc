package io.damselfly.e2e;

import java.util.List;
import java.util.Map;

import io.damselfly.cli.http.DownloadRunner;
import io.damselfly.common.download.DownloadState;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Files really flow peer to peer: one cluster (2 schedulers, 1 seed, 3 peers, manager, gateway, and a Redis
 * Cluster of 3 masters and 3 replicas, all separate processes; docs/architecture.md#past-one-machine), three peers downloading each file at once, the sha256 of every output
 * checked, and the origin's egress counted.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class PeerToPeerE2ETests {

	private static final long MIB = 1024 * 1024;

	private static final List<String> PEERS = List.of("peer-1", "peer-2", "peer-3");

	private E2eCluster cluster;

	@BeforeAll
	void startCluster() throws Exception {
		cluster = E2eCluster.start("p2p", 20000, 2, 1, 3, List.of(), true);
	}

	@AfterAll
	void stopCluster() {
		if (cluster != null) {
			cluster.close();
		}
	}

	@Test
	void emptyFileIsDownloadedByEveryPeer() throws Exception {
		assertSwarmDownload("empty.bin", 0, true, true);
	}

	@Test
	void fileSmallerThanOnePieceIsDownloadedByEveryPeer() throws Exception {
		assertSwarmDownload("small.bin", 1000, true, true);
	}

	@Test
	void severalPiecesNotAMultipleOfThePieceSizeAreReassembledExactly() throws Exception {
		assertSwarmDownload("pieces.bin", 3 * 4 * MIB + 12_345, true, true);
	}

	@Test
	void largeFileIsServedByTheOriginAboutOnceForThreePeers() throws Exception {
		assertSwarmDownload("large.bin", 100 * MIB + 7, true, true);
	}

	@Test
	void originWithoutRangeSupportIsStreamedOnce() throws Exception {
		assertSwarmDownload("norange.bin", 9 * MIB + 1, false, true);
	}

	@Test
	void originWithoutContentLengthIsCutAsItStreams() throws Exception {
		assertSwarmDownload("nolength.bin", 9 * MIB + 3, false, false);
	}

	@Test
	void originHeadersPassThroughToTheFirstFetcher() throws Exception {
		String[] sha = new String[1];
		String url = cluster.serve("auth.bin", 5 * MIB, true, true, "Authorization: Bearer e2e", sha);
		List<DownloadRunner.Result> results = cluster.downloadAll(PEERS, url, Map.of("Authorization", "Bearer e2e"));
		for (DownloadRunner.Result result : results) {
			assertThat(result.status().state()).as(result.status().toString()).isEqualTo(DownloadState.SUCCEEDED);
			assertThat(result.sha256()).isEqualTo(sha[0]);
		}
		assertThat(cluster.origin.bytesSent("auth.bin")).isLessThanOrEqualTo((long) (5 * MIB * 1.05));
	}

	private void assertSwarmDownload(String file, long size, boolean ranges, boolean contentLength) throws Exception {
		String[] sha = new String[1];
		String url = cluster.serve(file, size, ranges, contentLength, null, sha);
		List<DownloadRunner.Result> results = cluster.downloadAll(PEERS, url, Map.of());
		long fromOriginByPeers = 0;
		for (int i = 0; i < results.size(); i++) {
			DownloadRunner.Result result = results.get(i);
			assertThat(result.status().state()).as(PEERS.get(i) + ": " + result.status())
				.isEqualTo(DownloadState.SUCCEEDED);
			assertThat(result.sha256()).as(PEERS.get(i) + " sha256").isEqualTo(sha[0]);
			assertThat(result.status().contentLength()).isEqualTo(size);
			assertThat(result.status().bytesFromPeers() + result.status().bytesFromOrigin())
				.as(PEERS.get(i) + " provenance adds up").isEqualTo(size);
			if (result.status().bytesFromOrigin() > 0) {
				assertThat(result.status().backToSourceReason()).as("a peer that used the origin says why")
					.isNotBlank();
			}
			fromOriginByPeers += result.status().bytesFromOrigin();
		}
		long originBytes = cluster.origin.bytesSent(file);
		System.out.printf("%s: %d bytes, origin sent %d (%.3f×), peers took %d from origin%n", file, size,
				originBytes, (size > 0) ? (double) originBytes / size : 0, fromOriginByPeers);
		assertThat(originBytes).as("origin egress for " + file).isLessThanOrEqualTo((long) Math.ceil(size * 1.05));
		assertThat(fromOriginByPeers).isLessThanOrEqualTo(originBytes);
	}

}
