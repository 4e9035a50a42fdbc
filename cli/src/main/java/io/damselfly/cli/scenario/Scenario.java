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

	/** Runs the drill, recording figures and checks in the context. */
	void run(ScenarioContext context) throws Exception;

	/**
	 * A cluster shape.
	 *
	 * @param schedulers schedulers
	 * @param seeds seed peers
	 * @param peers normal peers
	 * @param overrides {@code NODE:KEY=VALUE} settings
	 */
	record Shape(int schedulers, int seeds, int peers, List<String> overrides) {
	}

}
