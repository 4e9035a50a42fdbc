package io.damselfly.gateway.ratelimit;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class FailOpenReportTests {

	private final AtomicLong now = new AtomicLong(1_000);

	private final FailOpenReport report = new FailOpenReport(Duration.ofSeconds(30), now::get);

	@Test
	void theFirstUncheckedCallIsReportedAtOnceThenAtMostOncePerInterval() {
		assertThat(report.uncheckedCall()).isEqualTo(1);
		for (int i = 0; i < 5; i++) {
			now.addAndGet(Duration.ofSeconds(1).toNanos());
			assertThat(report.uncheckedCall()).as("within the interval").isZero();
		}
		now.addAndGet(Duration.ofSeconds(25).toNanos());
		assertThat(report.uncheckedCall()).as("the 6 since the last report").isEqualTo(6);
		assertThat(report.total()).isEqualTo(7);
	}

	@Test
	void recoveryIsReportedOnceAndTheNextOutageAtOnce() {
		assertThat(report.checkedCall()).as("nothing failed yet").isFalse();
		report.uncheckedCall();
		report.uncheckedCall();

		assertThat(report.checkedCall()).isTrue();
		assertThat(report.checkedCall()).isFalse();
		now.addAndGet(Duration.ofSeconds(1).toNanos());
		assertThat(report.uncheckedCall()).as("a new outage, reported without waiting out the interval").isEqualTo(1);
		assertThat(report.total()).isEqualTo(3);
	}

}
