package io.damselfly.cli;

import java.nio.file.Path;

import io.damselfly.cli.cluster.Jars;
import io.damselfly.cli.command.DemoCommand;
import io.damselfly.cli.command.DownCommand;
import io.damselfly.cli.command.GetCommand;
import io.damselfly.cli.command.KillCommand;
import io.damselfly.cli.command.LogsCommand;
import io.damselfly.cli.command.PreheatCommand;
import io.damselfly.cli.command.StartCommand;
import io.damselfly.cli.command.StatusCommand;
import io.damselfly.cli.command.UpCommand;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** The {@code damselfly} command; its exit codes are {@link ExitCodes} (docs/cli.md#exit-codes). */
@Command(name = "damselfly", mixinStandardHelpOptions = true, version = "damselfly " + Jars.VERSION,
		description = "Peer-to-peer file distribution: run a local cluster, download through it, run the demo.",
		subcommands = { UpCommand.class, DownCommand.class, StatusCommand.class, KillCommand.class,
				StartCommand.class, LogsCommand.class, GetCommand.class, PreheatCommand.class, DemoCommand.class })
public class DamselflyCli implements Runnable {

	@Option(names = "--run-dir", description = "Run directory with state, storage and logs (default: .damselfly/run)",
			scope = CommandLine.ScopeType.INHERIT)
	Path runDir;

	/** The run directory, defaulting under the project root. */
	public Path runDir(String fallbackName) {
		return (runDir != null) ? runDir.toAbsolutePath() : Jars.home().resolve(".damselfly").resolve(fallbackName);
	}

	@Override
	public void run() {
		new CommandLine(this).usage(System.out);
	}

	public static void main(String[] args) {
		System.exit(commandLine().execute(args));
	}

	/**
	 * The command line, with the one place that turns a command's exception into its exit code
	 * ({@link ExitCodes}); usage errors keep picocli's own handling and code 2.
	 */
	public static CommandLine commandLine() {
		return new CommandLine(new DamselflyCli()).setExecutionExceptionHandler((ex, cmd, parsed) -> {
			cmd.getErr().println("damselfly: " + ex.getMessage());
			return ExitCodes.of(ex);
		});
	}

}
