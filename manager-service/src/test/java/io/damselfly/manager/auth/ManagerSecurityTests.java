package io.damselfly.manager.auth;

import io.damselfly.common.auth.TokenGrant;
import io.damselfly.common.auth.TokenRequest;
import io.damselfly.manager.ManagerIntegrationTestSupport;
import io.damselfly.service.security.Role;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.ReactiveJwtDecoder;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The manager's side of docs/architecture.md#trust-and-security: secrets buy tokens of their own role
 * only, calls without a token get a 401 problem, calls with the wrong role a 403 problem.
 */
class ManagerSecurityTests extends ManagerIntegrationTestSupport {

	@Test
	void theAdminSecretBuysAnAdminTokenThatChangesConfig() {
		TokenGrant grant = anonymous.post().uri("/api/v1/auth/token")
			.bodyValue(new TokenRequest("admin", ADMIN_SECRET, null)).exchange().expectStatus().isOk()
			.expectBody(TokenGrant.class).returnResult().getResponseBody();
		assertThat(grant).isNotNull();
		assertThat(grant.role()).isEqualTo("admin");
		String cluster = uniqueCluster();
		String config = web.get().uri("/api/v1/clusters/{id}/config", cluster).exchange().expectStatus().isOk()
			.expectBody(String.class).returnResult().getResponseBody();
		web.put().uri("/api/v1/clusters/{id}/config", cluster).header("Authorization", "Bearer " + grant.token())
			.contentType(MediaType.APPLICATION_JSON).bodyValue(config).exchange().expectStatus().isOk();
	}

	@Test
	void aVerifiedTokenIsCheckedOnceAndATamperedOneIsStillRefused(@Autowired ReactiveJwtDecoder decoder) {
		String token = token(Role.PEER);
		Jwt first = decoder.decode(token).block();
		assertThat(decoder.decode(token).block()).as("the second call is answered from what the first verified")
			.isSameAs(first);
		web.get().uri("/api/v1/nodes").header("Authorization", "Bearer " + token).exchange().expectStatus().isOk();
		// Same header and claims, another signature: never in the cache, so checked, and refused.
		String[] parts = token.split("\\.");
		String tampered = parts[0] + "." + parts[1] + "." + token(Role.ADMIN).split("\\.")[2];
		web.get().uri("/api/v1/nodes").header("Authorization", "Bearer " + tampered).exchange()
			.expectStatus().isUnauthorized();
	}

	@Test
	void aPeerSecretBuysNoOtherRole() {
		web.post().uri("/api/v1/auth/token").bodyValue(new TokenRequest("seed", PEER_SECRET, null)).exchange()
			.expectStatus().isUnauthorized().expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON);
		web.post().uri("/api/v1/auth/token").bodyValue(new TokenRequest("admin", PEER_SECRET, null)).exchange()
			.expectStatus().isUnauthorized();
		web.post().uri("/api/v1/auth/token").bodyValue(new TokenRequest("scheduler", "anything", null)).exchange()
			.expectStatus().isUnauthorized();
		web.post().uri("/api/v1/auth/token").bodyValue(new TokenRequest("peer", PEER_SECRET, null)).exchange()
			.expectStatus().isOk();
	}

	@Test
	void noTokenIs401AndWrongRoleIs403BothAsProblems() {
		anonymous.get().uri("/api/v1/nodes").exchange()
			.expectStatus().isUnauthorized().expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON)
			.expectHeader().valueEquals("WWW-Authenticate", "Bearer").expectBody().jsonPath("$.detail").exists();
		web.delete().uri("/api/v1/nodes/scheduler-127.0.0.1-1").header("Authorization", "Bearer " + token(Role.PEER))
			.exchange().expectStatus().isForbidden().expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON)
			.expectBody().jsonPath("$.detail").exists();
		web.put().uri("/api/v1/clusters/default/config").header("Authorization", "Bearer " + token(Role.SCHEDULER))
			.contentType(MediaType.APPLICATION_JSON).bodyValue("{}").exchange().expectStatus().isForbidden();
	}

	@Test
	void onlyTheOperatorStartsAPreheatJob() {
		String job = "{\"url\":\"http://origin.test/preheat.bin\",\"clusterId\":\"" + uniqueCluster() + "\"}";
		anonymous.post().uri("/api/v1/jobs").contentType(MediaType.APPLICATION_JSON).bodyValue(job).exchange()
			.expectStatus().isUnauthorized();
		for (Role role : new Role[] { Role.PEER, Role.SEED, Role.SCHEDULER }) {
			web.post().uri("/api/v1/jobs").header("Authorization", "Bearer " + token(role))
				.contentType(MediaType.APPLICATION_JSON).bodyValue(job).exchange()
				.expectStatus().isForbidden().expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON);
		}
		String created = web.post().uri("/api/v1/jobs").contentType(MediaType.APPLICATION_JSON).bodyValue(job)
			.exchange().expectStatus().isAccepted().expectBody(String.class).returnResult().getResponseBody();
		String id = String.valueOf(created).replaceAll("(?s).*\"id\"\\s*:\\s*\"([^\"]+)\".*", "$1");
		// Reading a job takes any token.
		web.get().uri("/api/v1/jobs/{id}", id).header("Authorization", "Bearer " + token(Role.PEER)).exchange()
			.expectStatus().isOk();
	}

	@Test
	void aNodeRegistersOnlyAsTheKindItsTokenNames() {
		register(Role.SEED, "SCHEDULER").expectStatus().isForbidden();
		register(Role.PEER, "SEED_PEER").expectStatus().isForbidden();
		register(Role.SEED, "SEED_PEER").expectStatus().isCreated();
		register(Role.SCHEDULER, "SCHEDULER").expectStatus().isCreated();
	}

	@Test
	void healthDetailsOnlyForManagerOrAdminAndTheScrapeTakesOnlyTheStaticToken() {
		anonymous.get().uri("/actuator/health/readiness").exchange()
			.expectStatus().isOk().expectBody().jsonPath("$.status").isEqualTo("UP").jsonPath("$.components")
			.doesNotExist();
		web.get().uri("/actuator/health/readiness").header("Authorization", "Bearer " + token(Role.MANAGER)).exchange()
			.expectStatus().isOk().expectBody().jsonPath("$.components.redis").exists();
		web.get().uri("/actuator/health/readiness").header("Authorization", "Bearer " + token(Role.PEER)).exchange()
			.expectStatus().isOk().expectBody().jsonPath("$.components").doesNotExist();
		anonymous.get().uri("/actuator/prometheus").exchange().expectStatus().isUnauthorized();
		web.get().uri("/actuator/prometheus").exchange().expectStatus().isUnauthorized();
		web.get().uri("/actuator/prometheus").header("Authorization", "Bearer wrong").exchange().expectStatus()
			.isUnauthorized();
	}

	private org.springframework.test.web.reactive.server.WebTestClient.ResponseSpec register(Role role, String type) {
		return web.post().uri("/api/v1/nodes").header("Authorization", "Bearer " + token(role))
			.contentType(MediaType.APPLICATION_JSON)
			.bodyValue("{\"type\":\"" + type + "\",\"clusterId\":\"" + uniqueCluster()
					+ "\",\"host\":\"127.0.0.1\",\"port\":" + uniquePort() + "}")
			.exchange();
	}

}
