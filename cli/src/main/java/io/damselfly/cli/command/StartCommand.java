package io.damselfly.cli.command;

import java.time.Duration;

import io.damselfly.cli.DamselflyCli;
import io.damselfly.cli.cluster.Jars;
import io.damselfly.cli.cluster.LocalCluster;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

@Command(name = "start", description = "Start a stopped or killed node again and wait until it is ready.")
public class StartCommand implements Runnable {

	@ParentCommand
	DamselflyCli parent;

	@Spec
	CommandSpec spec;

	@Parameters(paramLabel = "NODE", description = "e.g. seed-1")
	String node;

	@Override
	public void run() {
		LocalCluster cluster = new LocalCluster(Jars.home(), parent.runDir("run"), System.out::println);
		cluster.start(Options.node(spec, cluster.state(), node).name(), Duration.ofMinutes(2));
	}

}
