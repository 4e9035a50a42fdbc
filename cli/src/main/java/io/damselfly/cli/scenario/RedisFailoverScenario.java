package io.damselfly.cli.scenario;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;

import io.damselfly.cli.cluster.NodeKind;
import io.damselfly.cli.cluster.NodeRecord;
import io.damselfly.cli.http.DownloadRunner;
import io.damselfly.common.id.TaskIds;
import io.damselfly.redis.LocalRedisCluster;

/**
 * Redis Cluster failover mid-run (docs/architecture.md#past-one-machine): two peers download a file from a
 * cluster backed by a Redis Cluster of 3 masters and 3 replicas; the master holding the task's slot is
 * SIGKILLed; its replica takes over. Every download must complete with its sha256 intact and the origin
 * serve at most 1.05× the file; manager and schedulers may report not-ready only briefly and recover
 * without a restart; the killed node, started again, rejoins as a replica.
 */
final class RedisFailoverScenario implements Scenario {

	private static final long MIB = 1024 * 1024;

	private static final long FILE = 64 * MIB;

	@Override
	public String name() {
		return "redis-failover";
	}

	@Override
	public String description() {
		return "Redis Cluster master of the task's slot killed mid-download; its replica takes over, downloads finish";
	}

	@Override
	public Shape shape(Path runDir) {
		return new Shape(2, 1, 2, List.of(), 1, true);
	}

	@Override
	public void run(ScenarioContext ctx) throws Exception {
		List<String> peers = List.of("peer-1", "peer-2");
		String warm = ctx.serve("baseline.bin", FILE);
		long baselineStart = System.nanoTime();
		ctx.checkVerified("peer-1 (baseline, no fault)", ctx.download("peer-1", warm), "baseline.bin");
		Duration baseline = Duration.ofNanos(System.nanoTime() - baselineStart);
		ctx.figure("baseline download (no fault)", baseline.toMillis() + " ms");

		String url = ctx.serve("dataset.bin", FILE);
		String key = "df:task:{" + TaskIds.derive(url, null, null) + "}";
		NodeRecord master = masterOf(ctx, key);
		ctx.log("the task's slot is served by " + master.name() + " (port " + master.port() + ")");

		long start = System.nanoTime();
		List<CompletableFuture<DownloadRunner.Result>> running = peers.stream().map((p) -> ctx.start(p, url)).toList();
		ScenarioContext.sleep(500);
		ctx.cluster().kill(master.name());
		long killedAt = System.nanoTime();
		ctx.log(master.name() + " (master) killed with SIGKILL 500 ms into the downloads");

		NodeRecord survivor = ctx.state().ofKind(NodeKind.REDIS).stream().filter(NodeRecord::alive).findFirst()
			.orElseThrow();
		Optional<Duration> promoted = ctx.waitUntil(Duration.ofSeconds(30), Duration.ofMillis(100),
				() -> slotOwner(survivor.port(), key).filter((port) -> port != master.port()).isPresent());
		ctx.figure("master killed -> replica promoted", promoted.map((d) -> d.toMillis() + " ms").orElse("not within 30 s"));
		ctx.check(promoted.isPresent(), "a replica took over the killed master's slots");

		List<String> services = List.of("manager", "scheduler-1", "scheduler-2");
		long notReadyMillis = 0;
		long lastNotReady = killedAt;
		long deadline = System.nanoTime() + Duration.ofSeconds(40).toNanos();
		long stableSince = 0;
		while (System.nanoTime() < deadline) {
			boolean allReady = services.stream().allMatch((s) -> ctx.readiness(s) == 200);
			long now = System.nanoTime();
			if (!allReady) {
				lastNotReady = now;
				stableSince = 0;
			}
			else if (stableSince == 0) {
				stableSince = now;
			}
			else if (now - stableSince > Duration.ofSeconds(3).toNanos()) {
				break;
			}
			ScenarioContext.sleep(200);
		}
		notReadyMillis = Duration.ofNanos(lastNotReady - killedAt).toMillis();
		boolean ready = services.stream().allMatch((s) -> ctx.readiness(s) == 200);
		ctx.figure("kill -> manager and schedulers ready again", notReadyMillis + " ms");
		ctx.check(ready && notReadyMillis <= 30_000,
				"manager and schedulers ready again within 30 s of the kill, without a restart");

		for (int i = 0; i < peers.size(); i++) {
			ctx.checkVerified(peers.get(i), running.get(i).join(), "dataset.bin");
		}
		Duration during = Duration.ofNanos(System.nanoTime() - start);
		ctx.figure("downloads during the failover", during.toMillis() + " ms for both (baseline "
				+ baseline.toMillis() + " ms for one)");
		long originBytes = ctx.origin().bytesSent("dataset.bin");
		ctx.figure("origin egress for the file", ScenarioContext.ratio(originBytes, FILE));
		ctx.check(originBytes <= FILE * 105 / 100, "the origin served at most 1.05× the file (" + originBytes + " bytes)");

		ctx.cluster().start(master.name(), Duration.ofSeconds(30));
		Optional<Duration> rejoined = ctx.waitUntil(Duration.ofSeconds(30), Duration.ofMillis(200),
				() -> healthy(survivor.port()));
		ctx.figure(master.name() + " restarted -> cluster whole", rejoined.map((d) -> d.toMillis() + " ms")
			.orElse("not within 30 s"));
		ctx.check(rejoined.isPresent(), master.name() + " rejoined as a replica: 3 masters, 3 replicas again");
		DownloadRunner.Result after = ctx.download("peer-1", ctx.serve("after-failover.bin", 4 * MIB));
		ctx.checkVerified("peer-1 (new task after the failover)", after, "after-failover.bin");
	}

	private static NodeRecord masterOf(ScenarioContext ctx, String key) throws IOException {
		NodeRecord any = ctx.state().ofKind(NodeKind.REDIS).get(0);
		int port = slotOwner(any.port(), key).orElseThrow(() -> new IllegalStateException("no master serves " + key));
		return ctx.state().ofKind(NodeKind.REDIS).stream().filter((n) -> n.port() == port).findFirst().orElseThrow();
	}

	/** The port of the master that serves the key's slot, per the node on {@code askPort}. */
	private static Optional<Integer> slotOwner(int askPort, String key) {
		try {
			int slot = Integer.parseInt(LocalRedisCluster.command(askPort, "CLUSTER", "KEYSLOT", key).substring(1));
			for (String line : LocalRedisCluster.command(askPort, "CLUSTER", "NODES").split("\n")) {
				String[] f = line.trim().split(" ");
				if (f.length < 9 || !f[2].contains("master") || f[2].contains("fail")) {
					continue;
				}
				for (int i = 8; i < f.length; i++) {
					String[] range = f[i].split("-");
					if (range[0].startsWith("[")) {
						continue;
					}
					int from = Integer.parseInt(range[0]);
					int to = (range.length > 1) ? Integer.parseInt(range[1]) : from;
					if (slot >= from && slot <= to) {
						return Optional.of(Integer.parseInt(f[1].replaceAll("^[^:]*:(\\d+).*$", "$1")));
					}
				}
			}
			return Optional.empty();
		}
		catch (IOException | RuntimeException ex) {
			return Optional.empty();
		}
	}

	private static boolean healthy(int port) {
		try {
			return LocalRedisCluster.healthy(port);
		}
		catch (IOException ex) {
			return false;
		}
	}

}
