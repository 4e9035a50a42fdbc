package io.damselfly.manager.job;

import java.time.Duration;
import java.util.Map;

import io.damselfly.common.error.ProblemTypes;
import io.damselfly.common.node.NodeType;
import io.damselfly.manager.ManagerIntegrationTestSupport;
import io.damselfly.manager.job.api.JobView;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import org.springframework.http.MediaType;
import org.springframework.test.context.TestPropertySource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

// The stand-in nodes send no keepalives; a loaded machine must not let them lapse to INACTIVE mid-test.
@TestPropertySource(properties = "damselfly.registry.keepalive-ttl=10m")
class JobApiTests extends ManagerIntegrationTestSupport {

	@ParameterizedTest
	@ValueSource(strings = { "{}", "{\"type\":\"preheat\"}",
			"{\"url\":\"http://o.test/a\",\"image\":\"127.0.0.1:5000/app:v1\"}",
			"{\"type\":\"warmup\",\"url\":\"http://o.test/a\"}", "{\"url\":\"ftp://o.test/a\"}",
			"{\"url\":\"http://o.test/a\",\"scope\":\"everyone\"}", "{\"image\":\"app:v1\"}",
			"{\"image\":\"127.0.0.1:5000/App:v1\"}", "{\"url\":\"http://o.test/a\",\"plainHttp\":true}",
			"{\"url\":\"http://o.test/a\",\"headers\":{\"X-A\":\"1\\r\\nHost: evil\"}}",
			"{\"url\":\"http://o.test/a\",\"headers\":{\"bad name\":\"1\"}}", "{\"url\":", "[1,2]" })
	void badRequestIsAProblemNotAJob(String body) {
		web.post().uri("/api/v1/jobs").contentType(MediaType.APPLICATION_JSON).bodyValue(body).exchange()
			.expectStatus().isBadRequest()
			.expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON)
			.expectBody().jsonPath("$.type").isEqualTo(ProblemTypes.INVALID_REQUEST.toString())
			.jsonPath("$.detail").isNotEmpty();
	}

	@ParameterizedTest
	@ValueSource(strings = { "job-0000000000000000", "nope" })
	void unknownJobIsANotFoundProblem(String id) {
		web.get().uri("/api/v1/jobs/" + id).exchange()
			.expectStatus().isNotFound()
			.expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON)
			.expectBody().jsonPath("$.type").isEqualTo(ProblemTypes.NOT_FOUND.toString());
	}

	@Test
	void anEncodedDotDotIdIsRefusedBeforeAnyHandler() {
		web.get().uri("/api/v1/jobs/job-%2e%2e").exchange()
			.expectStatus().isBadRequest()
			.expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON)
			.expectBody().jsonPath("$.type").isEqualTo(ProblemTypes.INVALID_REQUEST.toString());
	}

	@Test
	void jobWithoutSeedsFailsWithTheReason() {
		String cluster = uniqueCluster();
		JobView job = create(Map.of("type", "preheat", "url", "http://origin.test/a.bin", "clusterId", cluster));
		assertThat(job.state()).isIn(JobState.PENDING, JobState.RUNNING, JobState.FAILED);

		JobView done = awaitFinished(job.id());
		assertThat(done.state()).isEqualTo(JobState.FAILED);
		assertThat(done.reason()).contains("no ACTIVE seed peer in cluster " + cluster);
	}

	@Test
	void allPeersScopeReachesEverySeedThenEveryPeerAndHidesTheHeaders() {
		String cluster = uniqueCluster();
		try (StandInNode seedA = new StandInNode(); StandInNode seedB = new StandInNode();
				StandInNode peer1 = new StandInNode(); StandInNode peer2 = new StandInNode();
				StandInNode scheduler = new StandInNode()) {
			register(NodeType.SEED_PEER, cluster, seedA.port());
			register(NodeType.SEED_PEER, cluster, seedB.port());
			register(NodeType.SCHEDULER, cluster, scheduler.port());
			scheduler.listNormalPeers(peer1, peer2);

			JobView job = create(Map.of("url", "http://origin.test/model.bin", "scope", "all-peers", "clusterId",
					cluster, "headers", Map.of("Authorization", "Bearer secret")));
			JobView done = awaitFinished(job.id());

			assertThat(done.state()).isEqualTo(JobState.SUCCEEDED);
			assertThat(done.nodes()).hasSize(4).allSatisfy((node) -> {
				assertThat(node.state()).isEqualTo(JobState.SUCCEEDED);
				assertThat(node.bytes()).isEqualTo(100);
			});
			assertThat(done.nodes()).extracting(NodeProgress::role).containsExactly("seed", "seed", "peer", "peer");
			assertThat(done.bytes()).isEqualTo(400);
			for (StandInNode node : new StandInNode[] { seedA, seedB, peer1, peer2 }) {
				assertThat(node.downloads).singleElement().asString().contains("http://origin.test/model.bin")
					.contains("Bearer secret");
			}
			long firstPeer = Math.min(peer1.downloadTimes.get(0), peer2.downloadTimes.get(0));
			assertThat(Math.max(seedA.downloadTimes.get(0), seedB.downloadTimes.get(0))).isLessThan(firstPeer);
			String shown = web.get().uri("/api/v1/jobs/{id}", job.id()).exchange().expectStatus().isOk()
				.expectBody(String.class).returnResult().getResponseBody();
			assertThat(shown).doesNotContain("secret");
		}
	}

	private JobView create(Map<String, Object> body) {
		JobView job = web.post().uri("/api/v1/jobs").bodyValue(body).exchange()
			.expectStatus().isAccepted()
			.expectHeader().valueMatches("Location", "/api/v1/jobs/job-[0-9a-f]{16}")
			.expectBody(JobView.class).returnResult().getResponseBody();
		assertThat(job).isNotNull();
		return job;
	}

	private JobView awaitFinished(String id) {
		JobView[] last = new JobView[1];
		await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(200)).until(() -> {
			last[0] = web.get().uri("/api/v1/jobs/{id}", id).exchange().expectStatus().isOk()
				.expectBody(JobView.class).returnResult().getResponseBody();
			return last[0] != null && last[0].state().finished();
		});
		return last[0];
	}

}
