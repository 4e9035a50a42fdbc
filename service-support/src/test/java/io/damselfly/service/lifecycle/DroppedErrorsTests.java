package io.damselfly.service.lifecycle;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;
import reactor.core.publisher.Operators;
import reactor.util.context.Context;

import static org.assertj.core.api.Assertions.assertThat;

class DroppedErrorsTests {

	private final ListAppender<ILoggingEvent> events = new ListAppender<>();

	private final Logger logger = (Logger) LoggerFactory.getLogger(DroppedErrors.class);

	private DroppedErrors hook;

	@BeforeEach
	void listen() {
		events.start();
		logger.addAppender(events);
		logger.setLevel(Level.DEBUG);
		hook = new DroppedErrors();
	}

	@AfterEach
	void stop() {
		if (hook != null) {
			hook.destroy();
		}
		logger.detachAppender(events);
		logger.setLevel(null);
	}

	@Test
	void aResponseBodyReleasedAfterItsCallerTimedOutIsLoggedAtDebug() {
		Operators.onErrorDropped(
				new IllegalStateException("The client response body has been released already due to cancellation."),
				Context.empty());

		assertThat(events.list).singleElement().satisfies((event) -> {
			assertThat(event.getLevel()).isEqualTo(Level.DEBUG);
			assertThat(event.getFormattedMessage()).contains("after its caller gave up");
		});
	}

	@Test
	void anyOtherDroppedErrorIsAWarningWithItsStackTrace() {
		Operators.onErrorDropped(new IllegalArgumentException("piece 7 is out of range"), Context.empty());

		assertThat(events.list).singleElement().satisfies((event) -> {
			assertThat(event.getLevel()).isEqualTo(Level.WARN);
			assertThat(event.getFormattedMessage()).contains("piece 7 is out of range");
			assertThat(event.getThrowableProxy()).isNotNull();
		});
	}

	@Test
	void theHookIsInstalledOnceHoweverManyContextsHoldIt() {
		int before = DroppedErrors.holders();
		DroppedErrors second = new DroppedErrors();
		assertThat(DroppedErrors.holders()).isEqualTo(before + 1);
		Operators.onErrorDropped(new IllegalArgumentException("two contexts"), Context.empty());
		assertThat(events.list).hasSize(1);

		second.destroy();
		Operators.onErrorDropped(new IllegalArgumentException("one context left"), Context.empty());
		assertThat(events.list).hasSize(2);

		hook.destroy();
		hook = null;
		assertThat(DroppedErrors.holders()).isEqualTo(before - 1);
	}

}
