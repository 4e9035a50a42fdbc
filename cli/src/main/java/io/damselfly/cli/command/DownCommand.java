package io.damselfly.cli.command;

import io.damselfly.cli.DamselflyCli;
import io.damselfly.cli.cluster.Jars;
import io.damselfly.cli.cluster.LocalCluster;
import io.damselfly.cli.cluster.NodeStop;
import picocli.CommandLine.Command;
import picocli.CommandLine.ParentCommand;

@Command(name = "down", description = "Stop every node of the local cluster (logs and storage stay).")
public class DownCommand implements Runnable {

	@ParentCommand
	DamselflyCli parent;

	@Override
	public void run() {
		LocalCluster cluster = new LocalCluster(Jars.home(), parent.runDir("run"), System.out::println);
		var stopped = cluster.down();
		if (stopped.isEmpty()) {
			System.out.println("No cluster running from " + cluster.runDir());
			return;
		}
		for (NodeStop stop : stopped) {
			System.out.printf("%-12s %s%n", stop.node().name(), stop.describe());
		}
	}

}
