package io.damselfly.cli.scenario;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;

import io.damselfly.cli.http.DownloadRunner;
import io.damselfly.common.id.TaskIds;
import io.damselfly.common.node.Node;
import io.damselfly.common.node.NodeState;

/**
 * Two managers share the probing (docs/architecture.md#past-one-machine). A seed's disk fills up and, at
 * the same moment, the manager probing that seed is SIGKILLed. The other manager must take the seed over
 * and still eject it within 10 s of turning sick, re-admit it once healed, and no healthy node may flap
 * out of ACTIVE on the way.
 */
final class KillManagerScenario implements Scenario {

	private static final long MIB = 1024 * 1024;

	private SickSeedDisk disk;

	@Override
	public String name() {
		return "kill-manager";
	}

	@Override
	public String description() {
		return "the manager probing a seed is killed as the seed's disk fills; the other manager ejects it in time";
	}

	@Override
	public Shape shape(Path runDir) {
		disk = SickSeedDisk.prepare(runDir);
		List<String> overrides = disk.overrides();
		return new Shape(2, 2, 1, overrides, 2, false);
	}

	@Override
	public void run(ScenarioContext ctx) throws Exception {
		String seedId = ctx.managerNode("seed-2").map(Node::id).orElseThrow();
		Optional<Duration> split = ctx.waitUntil(Duration.ofSeconds(20), Duration.ofMillis(200),
				() -> ctx.proberOf(seedId).isPresent());
		String owner = ctx.proberOf(seedId).orElse("none");
		ctx.figure("seed-2 probed by", owner);
		ctx.check(split.isPresent(), "exactly one manager probes seed-2 before the fault");
		String survivor = owner.equals("manager") ? "manager-2" : "manager";
		String filler = prepareSickness(ctx);

		makeSick(ctx, filler);
		long sickAt = System.nanoTime();
		ctx.cluster().kill(owner);
		long killedAt = System.nanoTime();
		ctx.log(owner + " (prober of seed-2) killed with SIGKILL as seed-2's disk filled");

		AtomicReference<String> flapped = new AtomicReference<>();
		Optional<Duration> handedOver = ctx.waitUntil(Duration.ofSeconds(15), Duration.ofMillis(100),
				() -> ctx.proberOf(seedId).filter(survivor::equals).isPresent());
		ctx.figure("probe hand-over to " + survivor, handedOver.map((d) -> d.toMillis() + " ms after the kill")
			.orElse("not within 15 s"));
		Optional<Duration> ejected = ctx.waitUntil(Duration.ofSeconds(20), Duration.ofMillis(100), () -> {
			watchFlaps(ctx, flapped);
			return ctx.managerNode("seed-2").map((n) -> n.state() == NodeState.EJECTED).orElse(false);
		});
		long ejectedMillis = Duration.ofNanos(System.nanoTime() - sickAt).toMillis();
		ctx.figure("seed-2 sick -> EJECTED", ejected.isPresent() ? ejectedMillis + " ms" : "not within 20 s");
		ctx.check(handedOver.isPresent(), survivor + " took over probing seed-2 after " + owner + " died");
		ctx.check(ejected.isPresent() && ejectedMillis <= 10_000,
				"seed-2 EJECTED within 10 s of turning sick, its prober killed meanwhile");

		heal(ctx, filler);
		Optional<Duration> active = ctx.waitUntil(Duration.ofSeconds(60), Duration.ofMillis(200), () -> {
			watchFlaps(ctx, flapped);
			return ctx.managerNode("seed-2").map((n) -> n.state() == NodeState.ACTIVE).orElse(false);
		});
		ctx.figure("seed-2 healed -> ACTIVE", active.map((d) -> d.toMillis() + " ms").orElse("not within 60 s"));
		ctx.check(active.isPresent() && active.get().compareTo(Duration.ofSeconds(30)) <= 0,
				"seed-2 re-admitted (ACTIVE) within 30 s of recovering");
		ctx.check(flapped.get() == null, "no healthy node left ACTIVE during the hand-over"
				+ ((flapped.get() != null) ? ": " + flapped.get() : ""));
		ctx.figure("manager killed -> drill end", Duration.ofNanos(System.nanoTime() - killedAt).toMillis() + " ms");
	}

	/** Records the first healthy node (seed-1, the schedulers) seen out of ACTIVE. */
	private static void watchFlaps(ScenarioContext ctx, AtomicReference<String> flapped) {
		for (String name : List.of("seed-1", "scheduler-1", "scheduler-2")) {
			ctx.managerNode(name).filter((n) -> n.state() != NodeState.ACTIVE)
				.ifPresent((n) -> flapped.compareAndSet(null, name + " " + n.state() + " (" + n.reason() + ")"));
		}
	}

	/** Without tmpfs: the filler is downloaded first, after which only the capacity setting is left. */
	private String prepareSickness(ScenarioContext ctx) {
		return disk.tmpfs() ? "" : ctx.serve("filler.bin", 11 * MIB);
	}

	private void makeSick(ScenarioContext ctx, String filler) {
		if (disk.tmpfs()) {
			disk.fillTmpfs(ctx);
		}
		else {
			DownloadRunner.Result result = ctx.download("seed-2", filler);
			ctx.log("seed-2 now stores 11 MiB of its 12 MB capacity (" + result.status().state() + ")");
		}
	}

	private void heal(ScenarioContext ctx, String filler) throws Exception {
		disk.heal(ctx, disk.tmpfs() ? "" : TaskIds.derive(filler, null, null));
	}

}
