package io.damselfly.cli.command;

import java.io.PrintWriter;
import java.util.concurrent.Callable;

import io.damselfly.cli.DamselflyCli;
import io.damselfly.cli.cluster.Jars;
import io.damselfly.cli.cluster.LocalCluster;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/**
 * {@code damselfly status}: each node's process, readiness, and state as the manager and a scheduler see
 * it, as a table or, with {@code --json}, as one JSON document; both come from the same
 * {@link StatusView}. Exit codes in docs/cli.md#exit-codes.
 */
@Command(name = "status", description = "Each node with its process, readiness, and state as the manager and the schedulers see it.")
public class StatusCommand implements Callable<Integer> {

	@ParentCommand
	DamselflyCli parent;

	@Spec
	CommandSpec spec;

	@Option(names = "--json", description = "Print one JSON document instead of the table, nothing else on stdout")
	boolean json;

	@Override
	public Integer call() {
		PrintWriter out = spec.commandLine().getOut();
		// In --json mode stdout carries the document only: anything the cluster code says goes to stderr.
		PrintWriter notes = json ? spec.commandLine().getErr() : out;
		LocalCluster cluster = new LocalCluster(Jars.home(), parent.runDir("run"), notes::println);
		StatusView view = StatusView.of(cluster.runDir(), cluster.state(), new LiveStatusProbe());
		if (json) {
			out.println(view.toJson());
		}
		else {
			view.table().forEach(out::println);
		}
		out.flush();
		return view.exitCode();
	}

}
