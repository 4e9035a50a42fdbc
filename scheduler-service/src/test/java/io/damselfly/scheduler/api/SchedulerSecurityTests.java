package io.damselfly.scheduler.api;

import java.util.List;

import io.damselfly.common.host.HealthSnapshot;
import io.damselfly.common.host.HostType;
import io.damselfly.common.peer.PeerOutcome;
import io.damselfly.common.peer.PeerRegistration;
import io.damselfly.common.peer.PieceReport;
import io.damselfly.common.peer.PieceResult;
import io.damselfly.scheduler.support.SchedulerApi;
import io.damselfly.scheduler.support.TestSecurity;
import io.damselfly.testsupport.redis.TestRedis;
import io.damselfly.testsupport.security.TestTokens;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webtestclient.autoconfigure.AutoConfigureWebTestClient;
import org.springframework.http.MediaType;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.reactive.server.WebTestClient;

/**
 * The scheduler's side of docs/architecture.md#trust-and-security: no token is a 401 problem, a role
 * that may not call is a 403 problem, and a host's type comes from its token, not its announce.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
		properties = { "damselfly.node.register=false", "damselfly.manager.url=http://127.0.0.1:9",
				"damselfly.manager.timeout=500ms" })
@AutoConfigureWebTestClient(timeout = "30s")
class SchedulerSecurityTests {

	@DynamicPropertySource
	static void properties(DynamicPropertyRegistry registry) {
		TestRedis.register(registry);
		TestSecurity.register(registry);
	}

	@Autowired
	WebTestClient web;

	@Test
	void callsWithoutATokenAre401Problems() {
		web.get().uri("/api/v1/tasks/{id}", "0".repeat(64)).exchange().expectStatus().isUnauthorized()
			.expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON).expectBody().jsonPath("$.detail").exists();
		web.post().uri("/api/v1/hosts").bodyValue(SchedulerApi.healthy("anon-host", 1)).exchange().expectStatus()
			.isUnauthorized();
	}

	@Test
	void aTokenSignedByAnotherKeyIsRefused() {
		String foreign = TestTokens.shared().token("admin").replaceAll("\\.[^.]+$", ".AAAA");
		web.get().uri("/api/v1/tasks/{id}", "0".repeat(64)).header("Authorization", "Bearer " + foreign).exchange()
			.expectStatus().isUnauthorized();
	}

	@Test
	void aPeerTokenCannotAnnounceASeedButASeedTokenCan() {
		WebTestClient peer = TestSecurity.as(web, "peer");
		peer.post().uri("/api/v1/hosts")
			.bodyValue(SchedulerApi.host("forged-seed", 1, HostType.SEED, HealthSnapshot.up())).exchange()
			.expectStatus().isForbidden().expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON)
			.expectBody().jsonPath("$.detail").value((String d) -> org.assertj.core.api.Assertions.assertThat(d)
				.contains("type comes from the token"));
		TestSecurity.admin(web).get().uri("/api/v1/hosts/forged-seed").exchange().expectStatus().isNotFound();
		TestSecurity.as(web, "peer", "honest-peer").post().uri("/api/v1/hosts")
			.bodyValue(SchedulerApi.healthy("honest-peer", 1)).exchange().expectStatus().isOk();
		TestSecurity.as(web, "seed", "real-seed").post().uri("/api/v1/hosts")
			.bodyValue(SchedulerApi.host("real-seed", 1, HostType.SEED, HealthSnapshot.up())).exchange()
			.expectStatus().isOk();
	}

	@Test
	void aHostActsOnlyUnderTheIdItsTokenNames() {
		TestSecurity.admin(web).post().uri("/api/v1/hosts").bodyValue(SchedulerApi.healthy("victim-host", 2)).exchange()
			.expectStatus().isOk();
		WebTestClient intruder = TestSecurity.as(web, "peer", "intruder-host");
		String task = "0".repeat(64);

		forbidden(intruder.delete().uri("/api/v1/hosts/victim-host"), "cannot remove host victim-host");
		forbidden(intruder.post().uri("/api/v1/hosts").bodyValue(SchedulerApi.healthy("victim-host", 3)),
				"cannot announce host victim-host");
		TestSecurity.admin(web).get().uri("/api/v1/hosts/victim-host").exchange().expectStatus().isOk()
			.expectBody().jsonPath("$.announce.port").isEqualTo(2);
		forbidden(intruder.post().uri("/api/v1/peers").bodyValue(new PeerRegistration("victim-host-0a0b0c0d",
				"victim-host", "http://127.0.0.1:9/x.bin", null, null, null, null, null)), "of host victim-host");
		forbidden(intruder.post().uri("/api/v1/peers").bodyValue(new PeerRegistration("victim-host-0a0b0c0d",
				"intruder-host", "http://127.0.0.1:9/x.bin", null, null, null, null, null)),
				"peer victim-host-0a0b0c0d is not one of that host's");
		forbidden(intruder.post().uri("/api/v1/peers/victim-host-0a0b0c0d/pieces").bodyValue(
				new PieceReport(task, 1L, null, List.of(PieceResult.ok(0, null, null, 1, 1, "0".repeat(64))))),
				"cannot report pieces for it");
		forbidden(intruder.post().uri("/api/v1/peers/victim-host-0a0b0c0d/finished").bodyValue(
				new PeerOutcome(task, null, null)), "cannot report it finished");
		forbidden(intruder.delete().uri("/api/v1/peers/victim-host-0a0b0c0d?taskId=" + task),
				"cannot take it off task");
		// A peer id that only starts like one of the intruder's is not one of them.
		forbidden(intruder.post().uri("/api/v1/peers/intruder-host-1-0a0b0c0d/failed").bodyValue(
				new PeerOutcome(task, null, null)), "is not one of that host's");

		// Its own peer, and its own host, are its to act for; an admin acts for any.
		intruder.post().uri("/api/v1/peers/intruder-host-0a0b0c0d/failed").bodyValue(new PeerOutcome(task, null, null))
			.exchange().expectStatus().isNotFound();
		intruder.post().uri("/api/v1/hosts").bodyValue(SchedulerApi.healthy("intruder-host", 4)).exchange()
			.expectStatus().isOk();
		intruder.delete().uri("/api/v1/hosts/intruder-host").exchange().expectStatus().isNoContent();
		TestSecurity.admin(web).delete().uri("/api/v1/hosts/victim-host").exchange().expectStatus().isNoContent();
		TestSecurity.admin(web).get().uri("/api/v1/hosts/victim-host").exchange().expectStatus().isNotFound();
	}

	private static void forbidden(WebTestClient.RequestHeadersSpec<?> request, String detail) {
		request.exchange().expectStatus().isForbidden().expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON)
			.expectBody().jsonPath("$.detail").value((String d) -> org.assertj.core.api.Assertions.assertThat(d)
				.startsWith("a peer token for host intruder-host cannot").contains(detail));
	}

	@Test
	void onlyPeersAndSeedsReportAndOnlyManagerOrAdminReadActuatorDetails() {
		TestSecurity.as(web, "gateway").post().uri("/api/v1/peers/p1/reschedule")
			.bodyValue("{\"taskId\":\"" + "0".repeat(64) + "\"}").header("Content-Type", "application/json").exchange()
			.expectStatus().isForbidden();
		TestSecurity.as(web, "peer").get().uri("/actuator/info").exchange().expectStatus().isForbidden();
		TestSecurity.as(web, "manager").get().uri("/actuator/health/readiness").exchange().expectStatus().isOk()
			.expectBody().jsonPath("$.components.redis").exists();
		web.get().uri("/actuator/health/readiness").exchange().expectStatus().isOk().expectBody()
			.jsonPath("$.components").doesNotExist();
	}

}
