package io.damselfly.manager.probe.health;

import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.UnknownHostException;
import java.time.Duration;

import io.netty.channel.ConnectTimeoutException;
import org.junit.jupiter.api.Test;

import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.web.reactive.function.client.WebClientRequestException;

import static org.assertj.core.api.Assertions.assertThat;

class HealthReasonsTests {

	private static final Duration TIMEOUT = Duration.ofSeconds(1);

	@Test
	void diskSpaceDownGivesItsReasonDetail() {
		ReadinessVerdict verdict = HealthReasons.verdict(503, """
				{"status":"DOWN","components":{"diskSpace":{"status":"DOWN","details":{"reason":"used 91% > 85%"}}}}""");

		assertThat(verdict.ready()).isFalse();
		assertThat(verdict.reason()).isEqualTo("diskSpace: used 91% > 85%");
	}

	@Test
	void everyComponentThatIsNotUpIsNamedInOrderAndUpOnesAreLeftOut() {
		ReadinessVerdict verdict = HealthReasons.verdict(503, """
				{"status":"DOWN","components":{
				  "diskIo":{"status":"DOWN","details":{"latencyMillis":900,"thresholdMillis":500,
				    "reason":"write+fsync took 900 ms > 500 ms"}},
				  "diskSpace":{"status":"DOWN","details":{"usedPercent":91.2,"thresholdPercent":85,
				    "reason":"used 91% of volume >= 85%"}},
				  "readinessState":{"status":"OUT_OF_SERVICE"},
				  "redis":{"status":"UP","details":{"version":"7.0.15"}}}}""");

		assertThat(verdict.reason()).isEqualTo("diskIo: write+fsync took 900 ms > 500 ms; "
				+ "diskSpace: used 91% of volume >= 85%; readinessState: OUT_OF_SERVICE");
	}

	@Test
	void indicatorThatThrewGivesItsErrorDetail() {
		ReadinessVerdict verdict = HealthReasons.verdict(503, """
				{"status":"DOWN","components":{"redis":{"status":"DOWN",
				  "details":{"error":"org.springframework.data.redis.RedisConnectionFailureException: Unable to connect"}}}}""");

		assertThat(verdict.reason())
			.isEqualTo("redis: org.springframework.data.redis.RedisConnectionFailureException: Unable to connect");
	}

	@Test
	void bootsOwnDiskSpaceIndicatorGivesFreeSpaceAgainstItsThreshold() {
		ReadinessVerdict verdict = HealthReasons.verdict(503, """
				{"status":"DOWN","components":{"diskSpace":{"status":"DOWN",
				  "details":{"total":107374182400,"free":5242880,"threshold":10485760,"path":"/data","exists":true}}}}""");

		assertThat(verdict.reason()).isEqualTo("diskSpace: free 5 MiB below threshold 10 MiB");
	}

	@Test
	void nestedComponentsAreNamedParentDotChild() {
		ReadinessVerdict verdict = HealthReasons.verdict(503, """
				{"status":"DOWN","components":{"storage":{"status":"DOWN","components":{
				  "cache":{"status":"DOWN","details":{"reason":"volume read-only"}},
				  "tmp":{"status":"UP"}}}}}""");

		assertThat(verdict.reason()).isEqualTo("storage.cache: volume read-only");
	}

	@Test
	void upBodyWithOkStatusIsReady() {
		ReadinessVerdict verdict = HealthReasons.verdict(200, """
				{"status":"UP","components":{"diskSpace":{"status":"UP","details":{"usedPercent":12.0}}}}""");

		assertThat(verdict).isEqualTo(ReadinessVerdict.READY);
	}

	@Test
	void okStatusWithoutAReadableBodyIsReady() {
		assertThat(HealthReasons.verdict(200, "").ready()).isTrue();
		assertThat(HealthReasons.verdict(204, "not json").ready()).isTrue();
	}

	@Test
	void downBodyIsNotReadyEvenWithAnOkStatus() {
		ReadinessVerdict verdict = HealthReasons.verdict(200, "{\"status\":\"DOWN\"}");

		assertThat(verdict.ready()).isFalse();
		assertThat(verdict.reason()).isEqualTo("readiness DOWN (HTTP 200)");
	}

	@Test
	void serviceUnavailableWithoutABodyNamesTheStatusCode() {
		assertThat(HealthReasons.verdict(503, "").reason()).isEqualTo("readiness answered HTTP 503");
		assertThat(HealthReasons.verdict(404, "<html>not found</html>").reason())
			.isEqualTo("readiness answered HTTP 404");
	}

	@Test
	void textFromTheNodeLosesControlCharactersAndIsClipped() {
		String longReason = "x".repeat(1000);
		ReadinessVerdict verdict = HealthReasons.verdict(503, "{\"status\":\"DOWN\",\"components\":{"
				+ "\"a\":{\"status\":\"DOWN\",\"details\":{\"reason\":\"line one\\nINFO forged log line\"}},"
				+ "\"b\":{\"status\":\"DOWN\",\"details\":{\"reason\":\"" + longReason + "\"}}}}");

		assertThat(verdict.reason()).startsWith("a: line one INFO forged log line; b: xxx").doesNotContain("\n");
		assertThat(verdict.reason()).hasSizeLessThanOrEqualTo(HealthReasons.MAX_REASON);
	}

	@Test
	void refusedConnectionIsConnectionRefused() {
		Throwable refused = new WebClientRequestException(
				new ConnectException("Connection refused: /127.0.0.1:8090"), HttpMethod.GET,
				URI.create("http://127.0.0.1:8090/actuator/health/readiness"), HttpHeaders.EMPTY);

		assertThat(HealthReasons.transportFailure(refused, TIMEOUT)).isEqualTo("probe failed: connection refused");
	}

	@Test
	void connectTimeoutIsATimeout() {
		assertThat(HealthReasons.transportFailure(new ConnectTimeoutException("connection timed out"), TIMEOUT))
			.isEqualTo("probe timed out after 1s");
	}

	@Test
	void otherTransportFailuresNameTheirCause() {
		assertThat(HealthReasons.transportFailure(new UnknownHostException("seed-9.example"), TIMEOUT))
			.isEqualTo("probe failed: unknown host seed-9.example");
		assertThat(HealthReasons.transportFailure(new IOException("broken pipe"), TIMEOUT))
			.isEqualTo("probe failed: IOException: broken pipe");
	}

	@Test
	void timeoutsAreWrittenTheWayTheyAreConfigured() {
		assertThat(HealthReasons.timedOut(Duration.ofSeconds(1))).isEqualTo("probe timed out after 1s");
		assertThat(HealthReasons.timedOut(Duration.ofMillis(150))).isEqualTo("probe timed out after 150ms");
		assertThat(HealthReasons.timedOut(Duration.ofMillis(1500))).isEqualTo("probe timed out after 1.5s");
	}

}
