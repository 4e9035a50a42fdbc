package io.damselfly.cli.cluster;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.jspecify.annotations.Nullable;

/**
 * Which processes a local cluster runs, on which ports (docs/architecture.md#ports-names-and-configuration) and with which settings. Pure data,
 * so the layout can be unit tested without starting anything.
 *
 * @param schedulers number of schedulers (ports 8082 and up)
 * @param seeds number of seed peers (ports 8090 and up)
 * @param peers number of normal peers (ports 8100 and up)
 * @param portOffset added to every port, so tests can run beside a developer's cluster
 * @param redisUrl an external Redis, or null to start one on {@code 6380 + portOffset}
 * @param runDir where state, storage and logs live
 * @param overrides per-node extra settings, {@code NODE:KEY=VALUE}; node {@code all} means every
 * Damselfly service
 */
public record ClusterPlan(int schedulers, int seeds, int peers, int portOffset, @Nullable String redisUrl, Path runDir,
		List<String> overrides) {

	public static final int GATEWAY_PORT = 8080;

	public static final int MANAGER_PORT = 8081;

	public static final int FIRST_SCHEDULER_PORT = 8082;

	public static final int FIRST_SEED_PORT = 8090;

	public static final int FIRST_PEER_PORT = 8100;

	public static final int REDIS_PORT = 6380;

	/** The first seed's proxy listener port; each seed's and peer's proxy port mirrors its API port. */
	public static final int FIRST_SEED_PROXY_PORT = 65090;

	public static final int FIRST_PEER_PROXY_PORT = 65100;

	static final String PROXY_PORT = "damselfly.proxy.port";

	public ClusterPlan {
		if (schedulers < 1 || schedulers > 8) {
			throw new IllegalArgumentException("--schedulers must be between 1 and 8");
		}
		if (seeds < 0 || seeds > 10) {
			throw new IllegalArgumentException("--seeds must be between 0 and 10");
		}
		if (peers < 0 || peers > 50) {
			throw new IllegalArgumentException("--peers must be between 0 and 50");
		}
		for (String override : overrides) {
			parseOverride(override);
		}
	}

	public String effectiveRedisUrl() {
		return (redisUrl != null) ? redisUrl : "redis://127.0.0.1:" + (REDIS_PORT + portOffset);
	}

	public String managerUrl() {
		return "http://127.0.0.1:" + (MANAGER_PORT + portOffset);
	}

	/** Every node in start order: Redis (when local), manager, schedulers, seeds, peers, gateway. */
	public List<NodeSpec> nodes() {
		List<NodeSpec> nodes = new ArrayList<>();
		if (redisUrl == null) {
			nodes.add(new NodeSpec("redis", NodeKind.REDIS, REDIS_PORT + portOffset, List.of()));
		}
		nodes.add(service("manager", NodeKind.MANAGER, MANAGER_PORT, "spring.data.redis.url=" + effectiveRedisUrl()));
		for (int i = 1; i <= schedulers; i++) {
			nodes.add(service("scheduler-" + i, NodeKind.SCHEDULER, FIRST_SCHEDULER_PORT + i - 1,
					"spring.data.redis.url=" + effectiveRedisUrl(), "damselfly.scheduler.instance-id=scheduler-" + i));
		}
		for (int i = 1; i <= seeds; i++) {
			nodes.add(peer("seed-" + i, NodeKind.SEED, FIRST_SEED_PORT + i - 1, FIRST_SEED_PROXY_PORT + i - 1, "seed"));
		}
		for (int i = 1; i <= peers; i++) {
			nodes.add(peer("peer-" + i, NodeKind.PEER, FIRST_PEER_PORT + i - 1, FIRST_PEER_PROXY_PORT + i - 1, "normal"));
		}
		nodes.add(service("gateway", NodeKind.GATEWAY, GATEWAY_PORT));
		return nodes;
	}

	private NodeSpec peer(String name, NodeKind kind, int basePort, int baseProxyPort, String mode) {
		Path storage = runDir.resolve(name).resolve("storage").toAbsolutePath();
		// An offset that pushes the proxy port out of range leaves the choice to LocalCluster (a free port).
		int planned = baseProxyPort + portOffset;
		int proxy = (planned >= 1024 && planned <= 65535) ? planned : NodeSpec.PROXY_PORT_AUTO;
		NodeSpec spec = service(name, kind, basePort, "damselfly.peer.mode=" + mode, "damselfly.peer.host-id=" + name,
				"damselfly.storage.dir=" + storage, PROXY_PORT + "=" + proxy);
		boolean enabled = !spec.properties().contains("damselfly.proxy.enabled=false");
		int proxyPort = spec.properties().stream().filter((p) -> p.startsWith(PROXY_PORT + "="))
			.mapToInt((p) -> Integer.parseInt(p.substring(PROXY_PORT.length() + 1))).findFirst().orElse(0);
		return new NodeSpec(spec.name(), kind, spec.port(), spec.properties(), enabled ? proxyPort : 0);
	}

	private NodeSpec service(String name, NodeKind kind, int basePort, String... extra) {
		int port = basePort + portOffset;
		Map<String, String> properties = new LinkedHashMap<>();
		properties.put("server.port", String.valueOf(port));
		properties.put("damselfly.manager.url", managerUrl());
		for (String property : extra) {
			int eq = property.indexOf('=');
			properties.put(property.substring(0, eq), property.substring(eq + 1));
		}
		for (String override : overrides) {
			String[] parsed = parseOverride(override);
			if (parsed[0].equals(name) || parsed[0].equals("all")
					|| parsed[0].equals(kind.name().toLowerCase(java.util.Locale.ROOT) + "s")) {
				properties.put(parsed[1], parsed[2]);
			}
		}
		List<String> list = new ArrayList<>();
		properties.forEach((k, v) -> list.add(k + "=" + v));
		return new NodeSpec(name, kind, port, List.copyOf(list));
	}

	/**
	 * Splits {@code NODE:KEY=VALUE}.
	 * @throws IllegalArgumentException with the expected form when malformed
	 */
	static String[] parseOverride(String override) {
		int colon = override.indexOf(':');
		int eq = override.indexOf('=');
		if (colon <= 0 || eq <= colon + 1) {
			throw new IllegalArgumentException("--set expects NODE:KEY=VALUE (e.g. seed-1:damselfly.storage.capacity=1GB), got '"
					+ override + "'");
		}
		return new String[] { override.substring(0, colon), override.substring(colon + 1, eq),
				override.substring(eq + 1) };
	}

}
