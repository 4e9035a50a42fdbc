package io.damselfly.scheduler.generation;

import java.time.Instant;
import java.time.temporal.ChronoUnit;

import io.damselfly.common.id.TaskIds;
import io.damselfly.common.peer.PeerRegistration;
import io.damselfly.common.schedule.ScheduleDecision;
import io.damselfly.common.task.UrlGeneration;
import io.damselfly.scheduler.support.SchedulerApi;
import io.damselfly.scheduler.support.TestSecurity;
import io.damselfly.testsupport.redis.TestRedis;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webtestclient.autoconfigure.AutoConfigureWebTestClient;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.reactive.server.WebTestClient;

import static io.damselfly.scheduler.support.SchedulerApi.healthy;
import static io.damselfly.scheduler.support.SchedulerApi.url;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * A registration with the origin's validator joins the content generation's task, and a confirmed one
 * becomes the URL's latest generation, served to peers that cannot ask the origin; on a real Redis.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
		properties = { "damselfly.node.register=false", "damselfly.manager.url=http://127.0.0.1:9",
				"damselfly.manager.timeout=500ms" })
@AutoConfigureWebTestClient(timeout = "30s")
class GenerationIntegrationTests {

	@DynamicPropertySource
	static void redis(DynamicPropertyRegistry registry) {
		TestRedis.register(registry);
		TestSecurity.register(registry);
	}

	WebTestClient web;

	@Autowired
	void client(WebTestClient client) {
		// Registrations are a peer's to make, for its own host; the generation lookups take any token.
		web = TestSecurity.as(client, "peer", "gen-host");
	}

	@Test
	void confirmedGenerationIsTheUrlsLatestAndAnUnconfirmedOneChangesNothing() {
		SchedulerApi api = new SchedulerApi(web);
		api.announce(healthy("gen-host", 18001));
		String url = url("generation-" + System.nanoTime() + ".bin");
		String base = TaskIds.derive(url, null, null);
		web.get().uri("/api/v1/urls/{id}/generation", base).exchange().expectStatus().isNotFound();

		Instant confirmed = Instant.now().truncatedTo(ChronoUnit.MILLIS);
		ScheduleDecision first = api.register(new PeerRegistration("gen-host-00000001", "gen-host", url, null, null, null,
				null, null, "etag:\"v1\"", confirmed));
		assertThat(first.taskId()).isEqualTo(TaskIds.generation(base, "etag:\"v1\"")).isNotEqualTo(base);
		UrlGeneration latest = web.get().uri("/api/v1/urls/{id}/generation", base).exchange().expectStatus().isOk()
			.expectBody(UrlGeneration.class).returnResult().getResponseBody();
		assertThat(latest).isEqualTo(new UrlGeneration(base, first.taskId(), "etag:\"v1\"", confirmed));

		ScheduleDecision stale = api.register(new PeerRegistration("gen-host-00000002", "gen-host", url, null, null, null,
				null, null, "etag:\"v0\"", null));
		assertThat(stale.taskId()).isEqualTo(TaskIds.generation(base, "etag:\"v0\""));
		assertThat(web.get().uri("/api/v1/urls/{id}/generation", base).exchange().expectStatus().isOk()
			.expectBody(UrlGeneration.class).returnResult().getResponseBody()).isEqualTo(latest);
	}

	@Test
	void taskIdThatDoesNotMatchTheValidatorIsRefusedAndBadIdsAre400() {
		String url = url("mismatch.bin");
		String base = TaskIds.derive(url, null, null);
		web.post().uri("/api/v1/peers").bodyValue(new PeerRegistration("gen-host-00000003", "gen-host", url, null, null, null,
				base, null, "etag:\"v1\"", Instant.now())).exchange().expectStatus().isBadRequest().expectBody()
			.jsonPath("$.detail").value((detail) -> assertThat(detail.toString()).contains("and validator"));
		web.get().uri("/api/v1/urls/{id}/generation", "not-a-task").exchange().expectStatus().isBadRequest();
	}

}
