package io.damselfly.manager.registry.api;

import io.damselfly.common.error.ProblemTypes;
import io.damselfly.manager.ManagerIntegrationTestSupport;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import org.springframework.http.MediaType;

import static org.assertj.core.api.Assertions.assertThat;

class NodeRegistrationValidationTests extends ManagerIntegrationTestSupport {

	@ParameterizedTest(name = "{0}")
	@CsvSource(delimiter = '|', value = {
			"malformed JSON        | {\"type\": \"SCHEDULER\",                          | malformed request body",
			"unknown node type     | {\"type\":\"PEER\",\"host\":\"h\",\"port\":1}     | type: Cannot deserialize value of type",
			"missing type          | {\"host\":\"h\",\"port\":1}                       | type is required",
			"missing port          | {\"type\":\"SCHEDULER\",\"host\":\"h\"}               | port: ",
			"empty body            | ''                                                | request body",
			"missing host          | {\"type\":\"SCHEDULER\",\"port\":1}               | host is required",
			"port out of range     | {\"type\":\"SCHEDULER\",\"host\":\"h\",\"port\":70000} | port must be between 1 and 65535",
			"host with a scheme    | {\"type\":\"SCHEDULER\",\"host\":\"http://h\",\"port\":1} | host must be an IP address or a DNS name",
			"bad cluster id        | {\"type\":\"SCHEDULER\",\"clusterId\":\"a/b\",\"host\":\"h\",\"port\":1} | clusterId must be",
			"port of the wrong type | {\"type\":\"SCHEDULER\",\"host\":\"h\",\"port\":\"eighty\"} | port: Cannot deserialize value of type `int` from String \"eighty\"",
			"host giving a bad id  | {\"type\":\"SCHEDULER\",\"host\":\"a..b\",\"port\":1} | not a valid id" })
	void badRegistrationIsABadRequestThatSaysWhatIsWrong(String what, String body, String expected) {
		web.post().uri("/api/v1/nodes").contentType(MediaType.APPLICATION_JSON).bodyValue(body).exchange()
			.expectStatus().isBadRequest()
			.expectHeader().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON)
			.expectBody()
			.jsonPath("$.type").isEqualTo(ProblemTypes.INVALID_REQUEST.toString())
			.jsonPath("$.detail").value((String detail) -> assertThat(detail).as(what).contains(expected));
	}

}
