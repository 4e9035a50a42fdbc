package io.damselfly.cli;

import java.io.Console;

/**
 * Whether a person watches this process's output on a terminal. A progress bar redrawn with carriage
 * returns is noise in a log file or a pipe, and would corrupt {@code --json} output, so commands draw one
 * only when {@link #drawsProgress} says so; the decision lives here, once, so it can be tested.
 *
 * @param interactive whether stdin and stdout are a terminal
 */
public record Terminal(boolean interactive) {

	/** This process's terminal: interactive only when the JVM has a console attached to a terminal. */
	public static Terminal ofThisProcess() {
		Console console = System.console();
		return new Terminal(console != null && attached(console));
	}

	/** Whether to draw a progress bar: only for a person on a terminal, never in {@code --json} mode. */
	public boolean drawsProgress(boolean json) {
		return interactive && !json;
	}

	/**
	 * Up to JDK 21 a console exists only on a terminal; from JDK 22 one exists even when the output is
	 * redirected, and {@code Console.isTerminal()} (not in Java 17's API) tells the difference.
	 */
	static boolean attached(Console console) {
		try {
			return (Boolean) Console.class.getMethod("isTerminal").invoke(console);
		}
		catch (NoSuchMethodException ex) {
			return true;
		}
		catch (ReflectiveOperationException | RuntimeException ex) {
			return false;
		}
	}

}
