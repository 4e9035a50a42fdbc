package io.damselfly.cli.scenario;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/** Every scenario by name, in the order of the issue that asked for them. */
public final class Scenarios {

	private static final Map<String, Supplier<Scenario>> ALL = new LinkedHashMap<>();

	static {
		ALL.put("disk-full-seed", DiskFullSeedScenario::new);
		ALL.put("kill-parent", KillParentScenario::new);
		ALL.put("corrupt-peer", CorruptPeerScenario::new);
		ALL.put("kill-scheduler", KillSchedulerScenario::new);
		ALL.put("redis-restart", RedisRestartScenario::new);
		ALL.put("origin-down", OriginDownScenario::new);
		ALL.put("two-nodes", TwoNodesScenario::new);
		ALL.put("preheat", PreheatScenario::new);
		ALL.put("registry-pull", RegistryPullScenario::new);
		ALL.put("redis-failover", RedisFailoverScenario::new);
		ALL.put("kill-manager", KillManagerScenario::new);
		ALL.put("hung-seed", HungSeedScenario::new);
	}

	private Scenarios() {
	}

	public static List<String> names() {
		return List.copyOf(ALL.keySet());
	}

	/**
	 * A fresh instance of the named scenario.
	 * @throws IllegalArgumentException naming the known scenarios
	 */
	public static Scenario get(String name) {
		Supplier<Scenario> scenario = ALL.get(name);
		if (scenario == null) {
			throw new IllegalArgumentException("no scenario '" + name + "'; scenarios: " + String.join(", ", names()));
		}
		return scenario.get();
	}

	static void releaseMounts(Path dir) {
		DiskFiller.releaseMounts(dir);
	}

}
