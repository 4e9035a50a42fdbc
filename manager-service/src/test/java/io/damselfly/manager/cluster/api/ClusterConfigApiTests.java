package io.damselfly.manager.cluster.api;

import io.damselfly.common.cluster.ClusterConfig;
import io.damselfly.common.error.ProblemTypes;
import io.damselfly.manager.ManagerIntegrationTestSupport;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import org.springframework.http.MediaType;

import static org.assertj.core.api.Assertions.assertThat;

class ClusterConfigApiTests extends ManagerIntegrationTestSupport {

	@Test
	void clusterThatNeverHadAConfigGetsTheDefaults() {
		assertThat(get(uniqueCluster())).isEqualTo(ClusterConfig.DEFAULTS);
	}

	@Test
	void putConfigIsStoredAndServedBack() {
		String cluster = uniqueCluster();
		ClusterConfig config = new ClusterConfig(6, 30, 3, 20, 250L, 50, 3600L, 7200L, 5, 100, 1000);

		web.put().uri("/api/v1/clusters/{id}/config", cluster).bodyValue(config).exchange()
			.expectStatus().isOk()
			.expectBody(ClusterConfig.class).isEqualTo(config);

		assertThat(get(cluster)).isEqualTo(config);
		assertThat(get(uniqueCluster())).as("configs are per cluster").isEqualTo(ClusterConfig.DEFAULTS);
	}

	@Test
	void partialPutFillsTheOtherFieldsWithDefaults() {
		String cluster = uniqueCluster();
		ClusterConfig expected = new ClusterConfig(7, null, null, null, null, null, null, null, null, null, 3000);

		web.put().uri("/api/v1/clusters/{id}/config", cluster).contentType(MediaType.APPLICATION_JSON)
			.bodyValue("{\"candidateParentLimit\": 7, \"seedUploadSlots\": 3000}").exchange()
			.expectStatus().isOk()
			.expectBody(ClusterConfig.class).isEqualTo(expected);

		ClusterConfig stored = get(cluster);
		assertThat(stored).isEqualTo(expected);
		assertThat(stored.filterParentLimit()).isEqualTo(15);
		assertThat(stored.retryIntervalMillis()).isEqualTo(500L);
	}

	@Test
	void outOfRangeValueIsABadRequestNamingTheFieldAndNothingIsStored() {
		String cluster = uniqueCluster();

		web.put().uri("/api/v1/clusters/{id}/config", cluster).contentType(MediaType.APPLICATION_JSON)
			.bodyValue("{\"candidateParentLimit\": 21, \"retryIntervalMillis\": 5}").exchange()
			.expectStatus().isBadRequest()
			.expectHeader().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON)
			.expectBody()
			.jsonPath("$.type").isEqualTo(ProblemTypes.INVALID_REQUEST.toString())
			.jsonPath("$.detail").value((String detail) -> assertThat(detail)
				.contains("candidateParentLimit must be between 1 and 20")
				.contains("retryIntervalMillis must be between 10 and 60000"))
			.jsonPath("$.errors.length()").isEqualTo(2);

		assertThat(get(cluster)).isEqualTo(ClusterConfig.DEFAULTS);
	}

	@ParameterizedTest
	@ValueSource(strings = { "{\"candidateParentLimit\": ", "{\"candidateParentLimit\": \"many\"}", "[1, 2]" })
	void unreadableBodyIsABadRequest(String body) {
		web.put().uri("/api/v1/clusters/{id}/config", uniqueCluster()).contentType(MediaType.APPLICATION_JSON)
			.bodyValue(body).exchange()
			.expectStatus().isBadRequest()
			.expectBody()
			.jsonPath("$.type").isEqualTo(ProblemTypes.INVALID_REQUEST.toString())
			.jsonPath("$.detail").value((String detail) -> assertThat(detail).startsWith("malformed request body"));
	}

	@ParameterizedTest
	@ValueSource(strings = { "-dash", "with}brace", "a:b", "x.........................................................................." })
	void malformedClusterIdIsABadRequestNeverAServerError(String id) {
		web.get().uri("/api/v1/clusters/{id}/config", id).exchange()
			.expectStatus().isBadRequest()
			.expectBody()
			.jsonPath("$.detail").value((String detail) -> assertThat(detail).startsWith("cluster id must be"));
		web.put().uri("/api/v1/clusters/{id}/config", id).bodyValue(ClusterConfig.DEFAULTS).exchange()
			.expectStatus().isBadRequest();
	}

	private ClusterConfig get(String cluster) {
		ClusterConfig config = web.get().uri("/api/v1/clusters/{id}/config", cluster).exchange()
			.expectStatus().isOk()
			.expectBody(ClusterConfig.class).returnResult().getResponseBody();
		assertThat(config).isNotNull();
		return config;
	}

}
