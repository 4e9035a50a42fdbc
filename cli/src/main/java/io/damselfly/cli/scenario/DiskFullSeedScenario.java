package io.damselfly.cli.scenario;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import io.damselfly.cli.http.DownloadRunner;
import io.damselfly.common.node.Node;
import io.damselfly.common.node.NodeState;
import tools.jackson.databind.JsonNode;

/**
 * The incident of docs/architecture.md#the-incident: a seed whose disk is full keeps answering, badly. It must be ejected
 * within 5 s; a second peer asking for a file the first peer holds must get every byte from peers,
 * never from the origin; its schedule explanation must show the sick seed filtered as {@code ejected};
 * and once the disk has room again the seed must be re-admitted within 30 s.
 */
final class DiskFullSeedScenario implements Scenario {

	private static final long MIB = 1024 * 1024;

	private static final long FILE = 8 * MIB;

	private SickSeedDisk disk;

	/** The filler's task id as seed-2 reported it (its content generation, not just its URL). */
	private String fillerTask = "";

	@Override
	public String name() {
		return "disk-full-seed";
	}

	@Override
	public String description() {
		return "a seed's disk fills up; it is ejected in seconds and no download goes back to the origin";
	}

	@Override
	public Shape shape(Path runDir) {
		disk = SickSeedDisk.prepare(runDir);
		List<String> overrides = disk.overrides();
		return new Shape(2, 2, 2, overrides);
	}

	@Override
	public void run(ScenarioContext ctx) throws Exception {
		ctx.figure("sick disk", disk.tmpfs() ? "real 32 MiB tmpfs, filled with a file"
				: "capacity setting of 12 MB, filled by a download (tmpfs needs root)");
		String url = ctx.serve("layer.bin", FILE);
		DownloadRunner.Result first = ctx.download("peer-1", url);
		ctx.checkVerified("peer-1", first, "layer.bin");
		DownloadRunner.Result seeded = ctx.download("seed-2", url);
		ctx.checkVerified("seed-2", seeded, "layer.bin");
		long originAfterFirst = ctx.origin().bytesSent("layer.bin");

		long sickAt = System.nanoTime();
		makeSick(ctx);
		Optional<Duration> ejected = ctx.waitUntil(Duration.ofSeconds(20), Duration.ofMillis(100),
				() -> ctx.managerNode("seed-2").map((n) -> n.state() == NodeState.EJECTED).orElse(false));
		Node sick = ctx.managerNode("seed-2").orElseThrow();
		ctx.figure("seed-2 sick -> EJECTED", ejected.map((d) -> d.toMillis() + " ms").orElse("not within 20 s"));
		ctx.figure("seed-2 manager state", sick.state() + " (" + sick.reason() + ")");
		ctx.check(ejected.isPresent() && ejected.get().compareTo(Duration.ofSeconds(5)) <= 0,
				"seed-2 EJECTED within 5 s of its disk filling up");

		// Each scheduler refreshes the manager's node states every 2 s on its own clock; the drill checks all
		// of them picked the verdict up, since peer-2 may register with any of them.
		Optional<Duration> seen = ctx.waitUntil(Duration.ofSeconds(10), Duration.ofMillis(100),
				() -> ctx.everyScheduler("/api/v1/hosts/seed-2",
						(h) -> "EJECTED".equals(h.path("managerState").asString())));
		ctx.figure("all schedulers see seed-2 EJECTED", seen.map((d) -> d.toMillis() + " ms after the manager")
			.orElse("not within 10 s"));
		ctx.check(seen.isPresent(), "every scheduler honours the manager's ejection of seed-2");
		DownloadRunner.Result second = ctx.download("peer-2", url);
		ctx.checkVerified("peer-2", second, "layer.bin");
		ctx.check(second.status().bytesFromOrigin() == 0 && second.status().bytesFromPeers() == FILE,
				"peer-2 got every byte from peers: " + second.status().bytesFromPeers() + " from peers, "
						+ second.status().bytesFromOrigin() + " from the origin");
		long originBytes = ctx.origin().bytesSent("layer.bin");
		ctx.figure("origin egress for the file", ScenarioContext.ratio(originBytes, FILE));
		ctx.check(originBytes == originAfterFirst && originBytes <= FILE,
				"the origin served the file once (" + originBytes + " of " + FILE + " bytes)");
		checkExplanation(ctx, second);

		long recoveredAt = System.nanoTime();
		heal(ctx);
		Optional<Duration> active = ctx.waitUntil(Duration.ofSeconds(60), Duration.ofMillis(200),
				() -> ctx.managerNode("seed-2").map((n) -> n.state() == NodeState.ACTIVE).orElse(false));
		ctx.figure("seed-2 healed -> ACTIVE", active.map((d) -> d.toMillis() + " ms").orElse("not within 60 s"));
		ctx.check(active.isPresent() && active.get().compareTo(Duration.ofSeconds(30)) <= 0,
				"seed-2 re-admitted (ACTIVE) within 30 s of recovering");
		ctx.figure("total drill time", Duration.ofNanos(System.nanoTime() - sickAt).toMillis() + " ms"
				+ " (recovery started after " + Duration.ofNanos(recoveredAt - sickAt).toMillis() + " ms)");
	}

	private void makeSick(ScenarioContext ctx) {
		if (disk.tmpfs()) {
			disk.fillTmpfs(ctx);
		}
		else {
			String filler = ctx.serve("filler.bin", 3 * MIB);
			fillerTask = ctx.download("seed-2", filler).status().taskId();
			ctx.log("seed-2 now stores 11 MiB of its 12 MB capacity");
		}
	}

	private void heal(ScenarioContext ctx) throws Exception {
		disk.heal(ctx, fillerTask);
	}

	/** peer-2's explanation must name the sick seed as filtered {@code ejected}. */
	private void checkExplanation(ScenarioContext ctx, DownloadRunner.Result second) {
		String peerId = second.status().peerId();
		Optional<JsonNode> explanation = (peerId != null) ? ctx.scheduler("/api/v1/peers/" + peerId + "/schedule")
				: Optional.empty();
		String found = null;
		if (explanation.isPresent()) {
			for (JsonNode attempt : explanation.get().path("attempts")) {
				for (Map.Entry<String, JsonNode> rejection : attempt.path("rejections").properties()) {
					if (rejection.getKey().startsWith("seed-2") && rejection.getValue().asString().startsWith("ejected")) {
						found = rejection.getKey() + " -> " + rejection.getValue().asString();
					}
				}
			}
		}
		ctx.figure("peer-2 explanation", (found != null) ? found : "no rejection of seed-2 as ejected");
		ctx.check(found != null, "peer-2's schedule explanation shows seed-2 filtered as ejected");
	}

}
