package io.damselfly.cli.cluster;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.damselfly.certificate.LoopbackCertificate;
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
 * @param managers number of managers (1 to 3): the first on 8081, the others on 8071 and 8072
 * @param redisCluster start a Redis Cluster of 6 nodes (3 masters, 3 replicas) instead of one Redis, on
 * {@link #redisClusterBasePort()} and the 5 ports after it
 * @param tls every service serves HTTPS with the self-signed certificate of {@link #certificate()}, and
 * trusts it when it calls another node
 */
public record ClusterPlan(int schedulers, int seeds, int peers, int portOffset, @Nullable String redisUrl, Path runDir,
		List<String> overrides, int managers, boolean redisCluster, boolean tls) {

	/** The second and later managers' ports, outside the ranges of the other services. */
	public static final int EXTRA_MANAGER_PORT = 8071;

	/** Where a local Redis Cluster's ports start before the offset is folded in. */
	public static final int REDIS_CLUSTER_PORT = 6400;

	/** A plan with one manager and one Redis, as before several managers and Redis Cluster existed. */
	public ClusterPlan(int schedulers, int seeds, int peers, int portOffset, @Nullable String redisUrl, Path runDir,
			List<String> overrides) {
		this(schedulers, seeds, peers, portOffset, redisUrl, runDir, overrides, 1, false);
	}

	/** A plan whose services serve plain HTTP, as before TLS existed. */
	public ClusterPlan(int schedulers, int seeds, int peers, int portOffset, @Nullable String redisUrl, Path runDir,
			List<String> overrides, int managers, boolean redisCluster) {
		this(schedulers, seeds, peers, portOffset, redisUrl, runDir, overrides, managers, redisCluster, false);
	}

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

	/** The SSL bundle every service of a TLS cluster serves with and trusts the other nodes by. */
	static final String TLS_BUNDLE = "damselfly";

	/** Calls a second each caller may make through a local cluster's gateway, on each route. */
	public static final int LOCAL_RATE_LIMIT = 10_000;

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
		if (managers < 1 || managers > 3) {
			throw new IllegalArgumentException("--managers must be between 1 and 3");
		}
		if (redisCluster && redisUrl != null) {
			throw new IllegalArgumentException("--redis-cluster starts its own Redis Cluster: unset REDIS_URL");
		}
		for (String override : overrides) {
			parseOverride(override);
		}
	}

	/**
	 * True when the end-to-end suite (and the drills) should run on a local Redis Cluster:
	 * {@code -Ddamselfly.e2e.redis=cluster} or {@code DAMSELFLY_E2E_REDIS=cluster}.
	 */
	public static boolean redisClusterRequested() {
		String mode = System.getProperty("damselfly.e2e.redis", System.getenv("DAMSELFLY_E2E_REDIS"));
		return mode != null && mode.trim().equalsIgnoreCase("cluster");
	}

	public String effectiveRedisUrl() {
		if (redisCluster) {
			return "redis-cluster://" + redisClusterNodes();
		}
		return (redisUrl != null) ? redisUrl : "redis://127.0.0.1:" + (REDIS_PORT + portOffset);
	}

	/**
	 * The first port of the local Redis Cluster: {@value #REDIS_CLUSTER_PORT} plus the port offset folded
	 * into 0-1599, so the six nodes stay in 6400-8004 and their bus ports (port + 10000) in 16400-18004:
	 * below the ephemeral range (32768 and up) whatever the offset, and off every service port of the
	 * e2e offsets (which lie on x080-x150 and x380).
	 */
	public int redisClusterBasePort() {
		return REDIS_CLUSTER_PORT + Math.floorMod(portOffset, 1600);
	}

	/** {@code 127.0.0.1:port,…} of the local Redis Cluster's nodes. */
	public String redisClusterNodes() {
		List<String> nodes = new ArrayList<>();
		for (int i = 0; i < 6; i++) {
			nodes.add("127.0.0.1:" + (redisClusterBasePort() + i));
		}
		return String.join(",", nodes);
	}

	public String managerUrl() {
		return managerUrls().get(0);
	}

	/** Every manager's URL, the first one first. */
	public List<String> managerUrls() {
		List<String> urls = new ArrayList<>();
		for (int i = 1; i <= managers; i++) {
			urls.add((tls ? "https" : "http") + "://127.0.0.1:" + (managerPort(i) + portOffset));
		}
		return urls;
	}

	/** The certificate of a TLS cluster: {@code <runDir>/tls}, made by {@link LocalCluster} when it starts one. */
	public LoopbackCertificate certificate() {
		return certificate(runDir);
	}

	static LoopbackCertificate certificate(Path runDir) {
		return LoopbackCertificate.at(runDir.resolve("tls").toAbsolutePath());
	}

	private static int managerPort(int index) {
		return (index == 1) ? MANAGER_PORT : EXTRA_MANAGER_PORT + index - 2;
	}

	private String redisProperty() {
		return redisCluster ? "spring.data.redis.cluster.nodes=" + redisClusterNodes()
				: "spring.data.redis.url=" + effectiveRedisUrl();
	}

	/** Every node in start order: Redis (when local), manager, schedulers, seeds, peers, gateway. */
	public List<NodeSpec> nodes() {
		List<NodeSpec> nodes = new ArrayList<>();
		if (redisCluster) {
			for (int i = 1; i <= 6; i++) {
				nodes.add(new NodeSpec("redis-" + i, NodeKind.REDIS, redisClusterBasePort() + i - 1, List.of()));
			}
		}
		else if (redisUrl == null) {
			nodes.add(new NodeSpec("redis", NodeKind.REDIS, REDIS_PORT + portOffset, List.of()));
		}
		for (int i = 1; i <= managers; i++) {
			String name = (i == 1) ? "manager" : "manager-" + i;
			nodes.add(service(name, NodeKind.MANAGER, managerPort(i), redisProperty(),
					"damselfly.probe.ownership.instance-id=" + name));
		}
		for (int i = 1; i <= schedulers; i++) {
			nodes.add(service("scheduler-" + i, NodeKind.SCHEDULER, FIRST_SCHEDULER_PORT + i - 1, redisProperty(),
					"damselfly.scheduler.instance-id=scheduler-" + i));
		}
		for (int i = 1; i <= seeds; i++) {
			nodes.add(peer("seed-" + i, NodeKind.SEED, FIRST_SEED_PORT + i - 1, FIRST_SEED_PROXY_PORT + i - 1, "seed"));
		}
		for (int i = 1; i <= peers; i++) {
			nodes.add(peer("peer-" + i, NodeKind.PEER, FIRST_PEER_PORT + i - 1, FIRST_PEER_PROXY_PORT + i - 1, "normal"));
		}
		// The gateway keeps its rate-limit buckets in the cluster's Redis, at a rate no drill, bench or local
		// script reaches (the defaults, 100 a second per caller, are for production); --set overrides it.
		nodes.add(service("gateway", NodeKind.GATEWAY, GATEWAY_PORT, redisProperty(),
				"damselfly.gateway.rate-limit.replenish-rate=" + LOCAL_RATE_LIMIT,
				"damselfly.gateway.rate-limit.burst-capacity=" + 2 * LOCAL_RATE_LIMIT));
		return nodes;
	}

	private NodeSpec peer(String name, NodeKind kind, int basePort, int baseProxyPort, String mode) {
		Path storage = runDir.resolve(name).resolve("storage").toAbsolutePath();
		// An offset that pushes the proxy port out of range leaves the choice to LocalCluster (a free port).
		int planned = baseProxyPort + portOffset;
		int proxy = (planned >= 1024 && planned <= 65535) ? planned : NodeSpec.PROXY_PORT_AUTO;
		// The local cluster's origins (the demo origin, a local registry) live on loopback.
		NodeSpec spec = service(name, kind, basePort, "damselfly.peer.mode=" + mode, "damselfly.peer.host-id=" + name,
				"damselfly.storage.dir=" + storage, PROXY_PORT + "=" + proxy, "damselfly.origin.allow-loopback=true");
		boolean enabled = !spec.properties().contains("damselfly.proxy.enabled=false");
		int proxyPort = spec.properties().stream().filter((p) -> p.startsWith(PROXY_PORT + "="))
			.mapToInt((p) -> Integer.parseInt(p.substring(PROXY_PORT.length() + 1))).findFirst().orElse(0);
		return new NodeSpec(spec.name(), kind, spec.port(), spec.properties(), enabled ? proxyPort : 0);
	}

	private NodeSpec service(String name, NodeKind kind, int basePort, String... extra) {
		int port = basePort + portOffset;
		Map<String, String> properties = new LinkedHashMap<>();
		properties.put("server.port", String.valueOf(port));
		if (managers == 1) {
			properties.put("damselfly.manager.url", managerUrl());
		}
		else {
			properties.put("damselfly.manager.urls", String.join(",", managerUrls()));
		}
		if (tls) {
			// One bundle serves the node's certificate and trusts the same one in every other node.
			String bundle = "spring.ssl.bundle.pem." + TLS_BUNDLE;
			properties.put("server.ssl.bundle", TLS_BUNDLE);
			properties.put(bundle + ".keystore.certificate", "file:" + certificate().certificate());
			properties.put(bundle + ".keystore.private-key", "file:" + certificate().privateKey());
			properties.put(bundle + ".truststore.certificate", "file:" + certificate().certificate());
			properties.put("damselfly.tls.trust-bundle", TLS_BUNDLE);
		}
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
