package io.damselfly.cli;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** A progress bar is drawn for a person on a terminal only: never into a pipe, a log file or JSON output. */
class TerminalTests {

	@Test
	void aTerminalGetsAProgressBarUnlessJsonIsAsked() {
		assertThat(new Terminal(true).drawsProgress(false)).isTrue();
		assertThat(new Terminal(true).drawsProgress(true)).isFalse();
	}

	@Test
	void aPipeOrAFileNeverGetsAProgressBar() {
		assertThat(new Terminal(false).drawsProgress(false)).isFalse();
		assertThat(new Terminal(false).drawsProgress(true)).isFalse();
	}

	@Test
	void aTestRunWhoseOutputGoesToAPipeIsNotInteractive() {
		// Surefire runs the tests in a forked JVM whose stdout is a pipe to Maven, as `damselfly get | tee` would.
		assertThat(Terminal.ofThisProcess().interactive()).isFalse();
	}

}
