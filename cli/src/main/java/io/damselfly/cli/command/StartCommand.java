package io.damselfly.cli.command;

import java.time.Duration;

import io.damselfly.cli.DamselflyCli;
import io.damselfly.cli.cluster.Jars;
import io.damselfly.cli.cluster.LocalCluster;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

@Command(name = "start", description = "Start a stopped or killed node again and wait until it is ready.")
public class StartCommand implements Runnable {

	@ParentCommand
	DamselflyCli parent;

	@Parameters(paramLabel = "NODE", description = "e.g. seed-1")
	String node;

	@Override
	public void run() {
		new LocalCluster(Jars.home(), parent.runDir("run"), System.out::println).start(node, Duration.ofMinutes(2));
	}

}
