package io.damselfly.scheduler.api;

import java.util.Base64;
import java.util.List;
import java.util.UUID;

import io.damselfly.common.host.HealthSnapshot;
import io.damselfly.common.host.HostAnnounce;
import io.damselfly.common.host.HostType;
import io.damselfly.common.peer.PeerOutcome;
import io.damselfly.common.peer.PeerState;
import io.damselfly.common.peer.PieceReport;
import io.damselfly.common.peer.PieceResult;
import io.damselfly.common.piece.PieceBitmap;
import io.damselfly.common.schedule.DecisionType;
import io.damselfly.common.schedule.LadderStep;
import io.damselfly.common.schedule.ParentInfo;
import io.damselfly.common.schedule.PeerScheduleExplanation;
import io.damselfly.common.schedule.ScheduleAttempt;
import io.damselfly.common.schedule.ScheduleDecision;
import io.damselfly.common.task.TaskState;
import io.damselfly.common.task.TaskView;
import io.damselfly.scheduler.host.HostStats;
import io.damselfly.scheduler.support.SchedulerApi;
import io.damselfly.scheduler.support.TestSecurity;
import io.damselfly.scheduler.support.StandInServer;
import io.damselfly.testsupport.redis.TestRedis;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webtestclient.autoconfigure.AutoConfigureWebTestClient;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.reactive.server.WebTestClient;

import static io.damselfly.scheduler.support.SchedulerApi.healthy;
import static io.damselfly.scheduler.support.SchedulerApi.taskId;
import static io.damselfly.scheduler.support.SchedulerApi.url;
import static org.assertj.core.api.Assertions.assertThat;

/** Scheduling through the HTTP API against a real Redis, with the manager's defaults. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
		properties = { "damselfly.node.register=false", "damselfly.scheduler.explanation-limit=3" })
// Generous: other builds share this 2-core machine, and a starved JVM must not fail a test by timing out.
@AutoConfigureWebTestClient(timeout = "30s")
class PeerSchedulingIntegrationTests {

	static final StandInServer manager = StandInServer.start();

	@DynamicPropertySource
	static void properties(DynamicPropertyRegistry registry) {
		TestRedis.register(registry);
		registry.add("damselfly.manager.url", manager::url);
		TestSecurity.register(registry);
	}

	@AfterAll
	static void stop() {
		manager.close();
	}

	@Autowired
	WebTestClient web;

	/** Calls carry an admin token; SchedulerSecurityTests covers the refusals. */
	@BeforeEach
	void carryAnAdminToken() {
		web = TestSecurity.admin(web);
	}

	@Autowired
	org.springframework.data.redis.core.ReactiveStringRedisTemplate redis;

	SchedulerApi api;

	String run;

	@BeforeEach
	void setUp() {
		api = new SchedulerApi(web);
		run = UUID.randomUUID().toString().substring(0, 8);
	}

	private String id(String name) {
		return name + "-" + run;
	}

	@Test
	void parentWhosePeerApiServesTlsIsHandedOutAtItsHttpsUrl() {
		String url = url("tls-parent");
		HostAnnounce plain = healthy(id("host-tls"), 8111);
		api.announce(new HostAnnounce(plain.hostId(), plain.hostname(), plain.ip(), plain.port(), plain.type(), null,
				null, plain.uploadSlots(), 0, plain.health(), "https"));
		api.announce(healthy(id("host-c"), 8112));
		api.register(id("peer-tls"), id("host-tls"), url);
		api.reportFromOrigin(id("peer-tls"), taskId(url), 2);

		ScheduleDecision decision = api.register(id("peer-c"), id("host-c"), url);

		assertThat(decision.parents()).extracting(ParentInfo::url).containsExactly("https://127.0.0.1:8111");
	}

	@Test
	void twoPeerTaskWhereTheOtherPeerHoldsAllPiecesOnAnotherHostGetsItAsParent() {
		String url = url("small-cluster");
		String task = taskId(url);
		api.announce(healthy(id("host-a"), 8101));
		api.announce(healthy(id("host-b"), 8102));
		ScheduleDecision first = api.register(id("peer-a"), id("host-a"), url);
		assertThat(first.type()).isEqualTo(DecisionType.WAIT);
		api.reportFromOrigin(id("peer-a"), task, 4);

		ScheduleDecision decision = api.register(id("peer-b"), id("host-b"), url);

		assertThat(decision.type()).isEqualTo(DecisionType.PARENTS);
		assertThat(decision.ladderStep()).isEqualTo(LadderStep.NONE);
		assertThat(decision.parents()).hasSize(1);
		ParentInfo parent = decision.parents().get(0);
		assertThat(parent.peerId()).isEqualTo(id("peer-a"));
		assertThat(parent.hostId()).isEqualTo(id("host-a"));
		assertThat(parent.url()).isEqualTo("http://127.0.0.1:8101");
		assertThat(PieceBitmap.fromBase64(parent.pieces())).isEqualTo(PieceBitmap.full(4));
		assertThat(decision.task().pieceCount()).isEqualTo(4);
		assertThat(decision.task().pieceDigests()).containsExactly(SchedulerApi.digest(task, 0),
				SchedulerApi.digest(task, 1), SchedulerApi.digest(task, 2), SchedulerApi.digest(task, 3));
		PeerScheduleExplanation explanation = api.explanation(id("peer-b"));
		assertThat(explanation.taskId()).isEqualTo(task);
		assertThat(explanation.state()).isEqualTo(PeerState.RUNNING);
		ScheduleAttempt attempt = explanation.attempts().get(0);
		assertThat(attempt.sampled()).containsExactly(id("peer-a"));
		assertThat(attempt.decision()).isEqualTo(DecisionType.PARENTS);
		assertThat(attempt.scores()).extracting(ScheduleAttempt.ScoredCandidate::peerId).containsExactly(id("peer-a"));
		assertThat(attempt.schedulerId()).startsWith("scheduler-");
	}

	@Test
	void originDigestsAreFirstWriterWinsAndAParentsMismatchIsIgnoredAndCountedAgainstIt() {
		String url = url("digests");
		String task = taskId(url);
		api.announce(healthy(id("host-a"), 8101));
		api.announce(healthy(id("host-b"), 8102));
		api.announce(healthy(id("host-c"), 8103));
		api.register(id("peer-a"), id("host-a"), url);
		api.reportFromOrigin(id("peer-a"), task, 2);
		api.register(id("peer-c"), id("host-c"), url);
		double refused = api.metric("damselfly_scheduler_refused_reports_total");
		// peer-c was never sent to the origin: its claim of an origin piece with its own digest is refused whole.
		api.web().post().uri("/api/v1/peers/{id}/pieces", id("peer-c"))
			.bodyValue(new PieceReport(task, 8L << 20, 4L << 20,
					List.of(PieceResult.ok(0, null, null, 5, 4L << 20, "f".repeat(64)))))
			.exchange()
			.expectStatus().isForbidden()
			.expectBody().jsonPath("$.detail").value((detail) -> assertThat(detail.toString())
				.contains("was not sent to the origin"));
		assertThat(api.task(task).pieceDigestsKnown()).isEqualTo(2);
		assertThat(api.metric("damselfly_scheduler_refused_reports_total")).isEqualTo(refused + 1);

		ScheduleDecision b = api.register(id("peer-b"), id("host-b"), url);
		assertThat(b.parents()).extracting(ParentInfo::peerId).containsExactly(id("peer-a"));
		api.report(id("peer-b"), new PieceReport(task, null, null,
				List.of(PieceResult.ok(0, id("peer-a"), id("host-a"), 7, 4L << 20, "e".repeat(64)),
						PieceResult.ok(1, id("peer-a"), null, 9, 4L << 20, SchedulerApi.digest(task, 1)))));

		HostView stats = web.get().uri("/api/v1/hosts/{id}", id("host-a")).exchange().expectStatus().isOk()
			.expectBody(HostView.class).returnResult().getResponseBody();
		assertThat(stats.stats().uploadOk()).isEqualTo(1);
		assertThat(stats.stats().uploadFailed()).isEqualTo(1);
		ScheduleDecision again = api.reschedule(id("peer-b"), task);
		assertThat(again.parents()).extracting(ParentInfo::peerId).doesNotContain(id("peer-a"));
		ScheduleAttempt attempt = api.explanation(id("peer-b")).attempts().get(0);
		assertThat(attempt.rejections()).containsKey(id("peer-a"));
		assertThat(attempt.rejections().get(id("peer-a"))).startsWith("blocklisted");
		// peer-b holds piece 1 (verified) but not piece 0 (mismatch); peer-c's disagreeing origin piece was refused.
		ScheduleDecision d = api.register(id("peer-d"), id("host-c"), url);
		assertThat(d.parents()).extracting(ParentInfo::peerId).contains(id("peer-b"));
		ParentInfo peerB = d.parents().stream().filter((p) -> p.peerId().equals(id("peer-b"))).findFirst().orElseThrow();
		assertThat(PieceBitmap.fromBase64(peerB.pieces())).isEqualTo(PieceBitmap.of(1));
		assertThat(d.parents()).extracting(ParentInfo::peerId).doesNotContain(id("peer-c"));
		assertThat(d.task().pieceDigests().get(0)).isEqualTo(SchedulerApi.digest(task, 0));
	}

	@Test
	void aFailureBlamingAParentNeverHandedToTheReporterCountsAgainstNoOne() {
		String url = url("framed");
		String task = taskId(url);
		api.announce(healthy(id("host-a"), 8101));
		api.announce(healthy(id("host-c"), 8103));
		api.register(id("peer-a"), id("host-a"), url);
		api.reportFromOrigin(id("peer-a"), task, 2);
		double framed = api.metric("damselfly_scheduler_framed_reports_total");

		// peer-c registers but is handed no parent yet (it asks for none: it reports at once), then blames peer-a.
		api.web().post().uri("/api/v1/peers").bodyValue(new io.damselfly.common.peer.PeerRegistration(id("peer-c"),
				id("host-c"), url + "?other", null, null, null, null, null)).exchange().expectStatus().isOk();
		api.web().post().uri("/api/v1/peers/{id}/pieces", id("peer-c"))
			.bodyValue(new PieceReport(taskId(url + "?other"), null, null, List.of(
					PieceResult.failed(0, id("peer-a"), id("host-a"), 5, io.damselfly.common.peer.FailureKind.TIMEOUT),
					PieceResult.failed(1, id("peer-a"), id("host-a"), 5, io.damselfly.common.peer.FailureKind.TIMEOUT),
					PieceResult.failed(0, id("peer-a"), id("host-a"), 5, io.damselfly.common.peer.FailureKind.REFUSED))))
			.exchange().expectStatus().isNoContent();

		HostView stats = api.host(id("host-a"));
		assertThat(stats.stats().uploadFailed()).as("framed failures never reach host-a's record").isZero();
		assertThat(api.metric("damselfly_scheduler_framed_reports_total")).isEqualTo(framed + 3);

		// The same failure from a peer that was handed peer-a does count.
		ScheduleDecision b = api.register(id("peer-b"), id("host-c"), url);
		assertThat(b.parents()).extracting(ParentInfo::peerId).containsExactly(id("peer-a"));
		api.report(id("peer-b"), new PieceReport(task, null, null, List.of(
				PieceResult.failed(0, id("peer-a"), id("host-a"), 5, io.damselfly.common.peer.FailureKind.TIMEOUT))));
		assertThat(api.host(id("host-a")).stats().uploadFailed()).isEqualTo(1);
	}

	@Test
	void costStatisticsSharedInRedisFollowTheModelAndMakeASlowHostABadNode() {
		String url = url("bad-node");
		String task = taskId(url);
		api.announce(healthy(id("host-slow"), 8101));
		api.announce(healthy(id("host-b"), 8102));
		api.register(id("slow"), id("host-slow"), url);
		api.reportFromOrigin(id("slow"), task, 5);
		api.register(id("b"), id("host-b"), url);
		long[] costs = { 10, 20, 30, 40, 1000 };
		List<PieceResult> results = java.util.stream.IntStream.range(0, costs.length)
			.mapToObj((n) -> PieceResult.ok(n, id("slow"), id("host-slow"), costs[n], 4L << 20,
					SchedulerApi.digest(task, n)))
			.toList();
		api.report(id("b"), new PieceReport(task, null, null, results));

		HostStats model = HostStats.EMPTY;
		for (long cost : costs) {
			model = model.withCost(cost);
		}
		HostView host = web.get().uri("/api/v1/hosts/{id}", id("host-slow")).exchange().expectStatus().isOk()
			.expectBody(HostView.class).returnResult().getResponseBody();
		assertThat(host.stats().costSamples()).isEqualTo(model.costCount());
		assertThat(host.stats().costMeanMillis()).isEqualTo(model.costMean());
		assertThat(host.stats().costStdDevMillis()).isEqualTo(model.costStdDev());
		assertThat(host.stats().lastCostMillis()).isEqualTo(1000);
		assertThat(host.stats().badNode()).isTrue();

		api.announce(healthy(id("host-c"), 8103));
		ScheduleDecision c = api.register(id("c"), id("host-c"), url);
		assertThat(c.parents()).extracting(ParentInfo::peerId).containsExactly(id("b"));
		assertThat(api.explanation(id("c")).attempts().get(0).filtered()).containsEntry("bad_node", 1);

		// The slow host alone holds another task: it is admitted with the hosts on probation, so one slow
		// piece never leaves a task without parents.
		String other = url("bad-node-only-holder");
		api.register(id("slow2"), id("host-slow"), other);
		api.reportFromOrigin(id("slow2"), taskId(other), 5);
		ScheduleDecision d = api.register(id("d"), id("host-c"), other);
		assertThat(d.parents()).extracting(ParentInfo::peerId).containsExactly(id("slow2"));
		assertThat(d.ladderStep()).isEqualTo(LadderStep.ADMIT_PROBATION);
	}

	@Test
	void aCandidateDownloadingFromTheRequesterIsFilteredAsACycle() {
		String url = url("cycle");
		String task = taskId(url);
		api.announce(healthy(id("host-a"), 8101));
		api.announce(healthy(id("host-b"), 8102));
		api.register(id("a"), id("host-a"), url);
		api.reportFromOrigin(id("a"), task, 2);
		ScheduleDecision b = api.register(id("b"), id("host-b"), url);
		assertThat(b.parents()).extracting(ParentInfo::peerId).containsExactly(id("a"));
		api.report(id("b"), new PieceReport(task, null, null,
				List.of(PieceResult.ok(0, id("a"), id("host-a"), 5, 4L << 20, SchedulerApi.digest(task, 0)))));

		ScheduleDecision a = api.reschedule(id("a"), task);

		assertThat(a.parents()).isEmpty();
		ScheduleAttempt attempt = api.explanation(id("a")).attempts().get(0);
		assertThat(attempt.filtered()).containsEntry("cycle", 1).containsEntry("self", 1);
	}

	@Test
	void whenEveryHolderIsDownARunningPeerWithAParentIsAdmittedOnTheSecondRung() {
		String url = url("rung-two");
		String task = taskId(url);
		api.announce(healthy(id("host-a"), 8101));
		api.announce(healthy(id("host-b"), 8102));
		api.announce(healthy(id("host-c"), 8103));
		api.register(id("a"), id("host-a"), url);
		api.reportFromOrigin(id("a"), task, 3);
		assertThat(api.register(id("b"), id("host-b"), url).type()).isEqualTo(DecisionType.PARENTS);
		api.announce(SchedulerApi.host(id("host-a"), 8101, HostType.NORMAL, SchedulerApi.diskFull()));

		ScheduleDecision c = api.register(id("c"), id("host-c"), url);

		assertThat(c.type()).isEqualTo(DecisionType.PARENTS);
		assertThat(c.ladderStep()).isEqualTo(LadderStep.ADMIT_RUNNING_WITHOUT_PIECES);
		assertThat(c.parents()).extracting(ParentInfo::peerId).containsExactly(id("b"));
		assertThat(api.explanation(id("c")).attempts().get(0).rejections().get(id("a")))
			.isEqualTo("host_down: diskSpace: used 91% > 85%");
	}

	@Test
	void aDegradedHolderIsAdmittedOnProbation() {
		String url = url("probation");
		String task = taskId(url);
		api.announce(SchedulerApi.host(id("host-a"), 8101, HostType.NORMAL,
				new HealthSnapshot(io.damselfly.common.host.HealthStatus.DEGRADED, 70.0, "diskIo: slow", null)));
		api.announce(healthy(id("host-b"), 8102));
		api.register(id("a"), id("host-a"), url);
		api.reportFromOrigin(id("a"), task, 1);
		ScheduleDecision b = api.register(id("b"), id("host-b"), url);
		assertThat(b.ladderStep()).isEqualTo(LadderStep.ADMIT_PROBATION);
		assertThat(b.parents()).extracting(ParentInfo::peerId).containsExactly(id("a"));
	}

	@Test
	void explanationKeepsTheLastAttemptsNewestFirst() {
		String url = url("explain");
		api.announce(healthy(id("host-a"), 8101));
		for (int i = 0; i < 5; i++) {
			api.register(id("a"), id("host-a"), url);
		}
		PeerScheduleExplanation explanation = api.explanation(id("a"));
		assertThat(explanation.attempts()).extracting(ScheduleAttempt::attempt).containsExactly(5, 4, 3);
		assertThat(explanation.attempts().get(0).reason()).contains("no candidate parents");
	}

	@Test
	void finishedFailedAndLeftPeersShowInTheTaskView() {
		String url = url("lifecycle");
		String task = taskId(url);
		api.announce(healthy(id("host-a"), 8101));
		api.announce(healthy(id("host-b"), 8102));
		api.announce(healthy(id("host-c"), 8103));
		api.register(id("a"), id("host-a"), url);
		api.reportFromOrigin(id("a"), task, 3);
		TaskView running = api.task(task);
		assertThat(running.state()).isEqualTo(TaskState.RUNNING);
		assertThat(running.contentLength()).isEqualTo(3 * (4L << 20));
		api.finished(id("a"), task);
		api.register(id("b"), id("host-b"), url);
		web.post().uri("/api/v1/peers/{id}/failed", id("b")).bodyValue(new PeerOutcome(task, null, "disk full"))
			.exchange().expectStatus().isNoContent();
		api.register(id("c"), id("host-c"), url);
		web.delete().uri("/api/v1/peers/{id}?taskId={t}", id("c"), task).exchange().expectStatus().isNoContent();

		TaskView view = api.task(task);
		assertThat(view.state()).isEqualTo(TaskState.SUCCEEDED);
		assertThat(view.url()).isEqualTo(url);
		assertThat(view.pieceCount()).isEqualTo(3);
		assertThat(view.pieceDigestsKnown()).isEqualTo(3);
		assertThat(view.peersByState()).containsEntry(PeerState.SUCCEEDED, 1).containsEntry(PeerState.FAILED, 1)
			.containsEntry(PeerState.LEFT, 1);
		assertThat(view.peersAtOrigin()).isZero();
		ScheduleDecision d = api.register(id("d"), id("host-b"), url);
		assertThat(d.parents()).extracting(ParentInfo::peerId).containsExactly(id("a"));
		assertThat(Base64.getDecoder().decode(d.parents().get(0).pieces())).isNotEmpty();
	}

	@Test
	void aDeletedHostDropsOutOfTheCandidatesAtOnce() {
		String url = url("host-delete");
		String task = taskId(url);
		api.announce(healthy(id("host-a"), 8101));
		api.announce(healthy(id("host-b"), 8102));
		api.register(id("a"), id("host-a"), url);
		api.reportFromOrigin(id("a"), task, 1);
		web.delete().uri("/api/v1/hosts/{id}", id("host-a")).exchange().expectStatus().isNoContent();

		ScheduleDecision b = api.register(id("b"), id("host-b"), url);

		assertThat(b.parents()).isEmpty();
		assertThat(api.explanation(id("b")).attempts().get(0).filtered()).containsEntry("host_unknown", 1);
		assertThat(api.hostStatus(id("host-a"))).isEqualTo(org.springframework.http.HttpStatus.NOT_FOUND);
	}

	@Test
	void schedulingSurvivesRedisForgettingItsScripts() {
		String url = url("noscript");
		api.announce(healthy(id("host-a"), 8101));
		api.announce(healthy(id("host-b"), 8102));
		api.register(id("a"), id("host-a"), url);
		api.reportFromOrigin(id("a"), taskId(url), 1);
		// What a Redis restart or failover does to the script cache.
		redis.execute((connection) -> connection.scriptingCommands().scriptFlush()).blockLast(
				java.time.Duration.ofSeconds(5));

		assertThat(api.register(id("b"), id("host-b"), url).parents()).extracting(ParentInfo::peerId)
			.containsExactly(id("a"));
	}

	@Test
	void liveHostsAreListedAndADeletedOneIsNot() {
		api.announce(healthy(id("host-a"), 8101));
		api.announce(healthy(id("host-b"), 8102));
		web.delete().uri("/api/v1/hosts/{id}", id("host-b")).exchange().expectStatus().isNoContent();

		List<String> listed = web.get().uri("/api/v1/hosts").exchange().expectStatus().isOk()
			.expectBodyList(io.damselfly.common.host.HostAnnounce.class).returnResult().getResponseBody()
			.stream().map(io.damselfly.common.host.HostAnnounce::hostId).toList();
		assertThat(listed).contains(id("host-a")).doesNotContain(id("host-b"));
	}

	@Test
	void readinessIncludesRedisAndTheMetricsOfTheDesignAreExported() {
		web.get().uri("/actuator/health/readiness").exchange().expectStatus().isOk().expectBody()
			.jsonPath("$.components.redis.status").isEqualTo("UP");
		String url = url("metrics");
		api.announce(healthy(id("host-a"), 8101));
		api.register(id("a"), id("host-a"), url);
		api.reportFromOrigin(id("a"), taskId(url), 1);
		String prometheus = web.get().uri("/actuator/prometheus")
			.header("Authorization", "Bearer " + TestSecurity.SCRAPE_TOKEN).exchange().expectStatus().isOk()
			.expectBody(String.class).returnResult().getResponseBody();
		String app = "application=\"scheduler-service\",";
		assertThat(prometheus).contains("damselfly_scheduler_schedule_total{" + app + "result=\"wait\"}")
			.contains("damselfly_scheduler_filtered_candidates_total{" + app + "reason=\"host_down\"}")
			.contains("damselfly_scheduler_back_to_source_total{" + app + "reason=\"no_parents\"}")
			.contains("damselfly_scheduler_schedule_seconds_count")
			.contains("damselfly_scheduler_reported_bytes_total{" + app + "source=\"origin\"}")
			.doesNotContain("damselfly_scheduler_reported_bytes_total{" + app + "source=\"origin\"} 0.0");
		// The peers own damselfly_traffic_bytes_total; a scheduler counting it too doubles the cluster's sum.
		assertThat(prometheus).doesNotContainPattern("(?m)^damselfly_traffic_bytes_total");
	}

	@Test
	void openApiDescribesTheSchedulerApiWithProblemDetails() {
		web.get().uri("/v3/api-docs").exchange().expectStatus().isOk().expectBody()
			.jsonPath("$.paths['/api/v1/peers'].post").exists()
			.jsonPath("$.paths['/api/v1/hosts'].get").exists()
			.jsonPath("$.components.schemas.ProblemDetail").exists();
	}

}
