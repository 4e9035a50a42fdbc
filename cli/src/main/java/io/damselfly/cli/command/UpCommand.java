package io.damselfly.cli.command;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import io.damselfly.cli.DamselflyCli;
import io.damselfly.cli.cluster.ClusterPlan;
import io.damselfly.cli.cluster.ClusterState;
import io.damselfly.cli.cluster.Jars;
import io.damselfly.cli.cluster.LocalCluster;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;

@Command(name = "up", description = "Start a local cluster as separate processes and wait until every node is ready.")
public class UpCommand implements Runnable {

	@ParentCommand
	DamselflyCli parent;

	@Option(names = "--schedulers", defaultValue = "3", description = "Schedulers (ports 8082+), default ${DEFAULT-VALUE}")
	int schedulers;

	@Option(names = "--seeds", defaultValue = "2", description = "Seed peers (ports 8090+), default ${DEFAULT-VALUE}")
	int seeds;

	@Option(names = "--peers", defaultValue = "3", description = "Normal peers (ports 8100+), default ${DEFAULT-VALUE}")
	int peers;

	@Option(names = "--set", description = "Extra setting NODE:KEY=VALUE (NODE may be a name, 'all', 'seeds', 'peers', 'schedulers')")
	List<String> overrides = new ArrayList<>();

	@Option(names = "--managers", defaultValue = "1",
			description = "Managers (8081, then 8071+), sharing the probing, default ${DEFAULT-VALUE}")
	int managers;

	@Option(names = "--redis-cluster",
			description = "Start a Redis Cluster (3 masters + 3 replicas, ports 6400+) instead of one Redis")
	boolean redisCluster;

	@Option(names = "--port-offset", defaultValue = "0", description = "Added to every port, default ${DEFAULT-VALUE}")
	int portOffset;

	@Option(names = "--tls", description = "Every service serves HTTPS, with a self-signed certificate for localhost"
			+ " and 127.0.0.1 made in the run directory (tls/cert.pem); the nodes and this command trust it")
	boolean tls;

	@Override
	public void run() {
		String redisUrl = System.getenv("REDIS_URL");
		LocalCluster cluster = new LocalCluster(Jars.home(), parent.runDir("run"), System.out::println);
		ClusterPlan plan = new ClusterPlan(schedulers, seeds, peers, portOffset,
				(redisUrl != null && !redisUrl.isBlank() && !redisCluster) ? redisUrl : null, cluster.runDir(), overrides,
				managers, redisCluster, tls);
		ClusterState state = cluster.up(plan, Duration.ofMinutes(3));
		System.out.println("Cluster ready: gateway " + state.gatewayUrl() + ", manager " + state.managerUrl()
				+ ", logs in " + cluster.runDir().resolve("logs"));
	}

}
