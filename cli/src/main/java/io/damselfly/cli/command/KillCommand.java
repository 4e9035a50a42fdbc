package io.damselfly.cli.command;

import io.damselfly.cli.DamselflyCli;
import io.damselfly.cli.cluster.Jars;
import io.damselfly.cli.cluster.LocalCluster;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

@Command(name = "kill", description = "SIGKILL one node, as a failure drill.")
public class KillCommand implements Runnable {

	@ParentCommand
	DamselflyCli parent;

	@Spec
	CommandSpec spec;

	@Parameters(paramLabel = "NODE", description = "e.g. seed-1, scheduler-2, peer-3, redis")
	String node;

	@Override
	public void run() {
		LocalCluster cluster = new LocalCluster(Jars.home(), parent.runDir("run"), System.out::println);
		var killed = cluster.kill(Options.node(spec, cluster.state(), node).name());
		System.out.println(killed.name() + " killed (SIGKILL)");
	}

}
