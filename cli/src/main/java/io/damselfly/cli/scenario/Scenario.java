package io.damselfly.cli.scenario;

import java.nio.file.Path;
import java.util.List;

/** One fault drill: the cluster it needs and what it does and checks. */
public interface Scenario {

	/** The name used by {@code --scenario}. */
	String name();

	/** One line on what it proves. */
	String description();

	/** Why the drill cannot run on this machine (a tool it needs is missing), or empty when it can. */
	default java.util.Optional<String> unavailable() {
		return java.util.Optional.empty();
	}

	/** The cluster it needs; {@code runDir} is where the nodes' storage will live. */
	Shape shape(Path runDir);

	/** True for a drill that kills the one Redis, which a Redis Cluster does not have. */
	default boolean needsStandaloneRedis() {
		return false;
	}

	/** Runs the drill, recording figures and checks in the context. */
	void run(ScenarioContext context) throws Exception;

	/**
	 * A cluster shape.
	 *
	 * @param schedulers schedulers
	 * @param seeds seed peers
	 * @param peers normal peers
	 * @param overrides {@code NODE:KEY=VALUE} settings
	 * @param managers managers (1 to 3)
	 * @param redisCluster a local Redis Cluster (3 masters, 3 replicas) instead of one Redis
	 */
	record Shape(int schedulers, int seeds, int peers, List<String> overrides, int managers, boolean redisCluster) {

		/** One manager and one Redis. */
		public Shape(int schedulers, int seeds, int peers, List<String> overrides) {
			this(schedulers, seeds, peers, overrides, 1, false);
		}

	}

}
