package io.damselfly.manager;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class ManagerActuatorTests extends ManagerIntegrationTestSupport {

	@Test
	void readinessIsUpAndIncludesRedis() {
		web.get().uri("/actuator/health/readiness").exchange()
			.expectStatus().isOk()
			.expectBody()
			.jsonPath("$.status").isEqualTo("UP")
			.jsonPath("$.components.redis.status").isEqualTo("UP")
			.jsonPath("$.components.readinessState.status").isEqualTo("UP");
	}

	@Test
	void livenessIsUp() {
		web.get().uri("/actuator/health/liveness").exchange()
			.expectStatus().isOk()
			.expectBody().jsonPath("$.status").isEqualTo("UP");
	}

	/** build-info runs at generate-resources, before the tests of {@code mvn verify}. */
	@Test
	void infoShowsBuildInfo() {
		web.get().uri("/actuator/info").exchange()
			.expectStatus().isOk()
			.expectBody()
			.jsonPath("$.build.artifact").isEqualTo("manager-service")
			.jsonPath("$.build.group").isEqualTo("io.damselfly")
			.jsonPath("$.build.version").isEqualTo("0.1.0-SNAPSHOT");
	}

	@Test
	void prometheusScrapeCarriesTheApplicationTag() {
		String scrape = web.get().uri("/actuator/prometheus").header("Authorization", "Bearer " + SCRAPE_TOKEN).exchange()
			.expectStatus().isOk()
			.expectBody(String.class).returnResult().getResponseBody();

		assertThat(scrape).contains("jvm_memory_used_bytes").contains("application=\"manager\"");
	}

	/** Spring Security's per-request observations are off (management.observations.enable.spring.security). */
	@Test
	void requestsAreTimedButNotSpringSecuritysFilterChains() {
		web.get().uri("/api/v1/nodes").header("Authorization", "Bearer " + SCRAPE_TOKEN).exchange();
		web.get().uri("/actuator/health/liveness").exchange().expectStatus().isOk();
		String scrape = web.get().uri("/actuator/prometheus").header("Authorization", "Bearer " + SCRAPE_TOKEN).exchange()
			.expectStatus().isOk()
			.expectBody(String.class).returnResult().getResponseBody();

		assertThat(scrape).contains("http_server_requests_seconds_count").doesNotContain("spring_security_");
	}

	@Test
	void openApiDescribesTheJobsApiWithProblemDetails() {
		web.get().uri("/v3/api-docs").exchange()
			.expectStatus().isOk()
			.expectBody()
			.jsonPath("$.openapi").isNotEmpty()
			.jsonPath("$.paths['/api/v1/jobs'].post").exists()
			.jsonPath("$.paths['/api/v1/jobs/{id}'].get.responses['4XX'].content['application/problem+json']").exists()
			.jsonPath("$.components.schemas.ProblemDetail.properties.detail").exists();
	}

}
