package io.damselfly.cli.scenario;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

import io.damselfly.cli.http.DownloadRunner;
import io.damselfly.common.node.Node;
import io.damselfly.common.node.NodeState;

/**
 * A seed hangs (SIGSTOP): the kernel still accepts connections to it, nothing answers them. The
 * manager's probe must take it out of rotation within 10 s (the probe forgives a busy node's timeouts
 * only while it answers, late or not, so a node that answers nothing is ejected after three probes);
 * a download started at the moment it hung must finish from the other holders, every byte from peers,
 * without waiting out a whole piece timeout on it; and once it runs again (SIGCONT) it must be
 * re-admitted within 30 s.
 */
final class HungSeedScenario implements Scenario {

	private static final long FILE = 64L * 1024 * 1024;

	@Override
	public String name() {
		return "hung-seed";
	}

	@Override
	public String description() {
		return "a seed hangs (SIGSTOP); it is ejected in seconds, downloads finish from others, and it comes back";
	}

	@Override
	public Shape shape(Path runDir) {
		return new Shape(1, 2, 2, List.of());
	}

	@Override
	public void run(ScenarioContext ctx) throws Exception {
		String url = ctx.serve("layer.bin", FILE);
		ctx.checkVerified("peer-1", ctx.download("peer-1", url), "layer.bin");
		ctx.checkVerified("seed-2", ctx.download("seed-2", url), "layer.bin");
		long originBefore = ctx.origin().bytesSent("layer.bin");

		ctx.cluster().pause("seed-2");
		ctx.log("seed-2 frozen with SIGSTOP");
		try {
			long hungAt = System.nanoTime();
			var child = ctx.start("peer-2", url);
			Optional<Duration> out = ctx.waitUntil(Duration.ofSeconds(30), Duration.ofMillis(100),
					() -> ctx.managerNode("seed-2").map((n) -> n.state() != NodeState.ACTIVE).orElse(false));
			Node hung = ctx.managerNode("seed-2").orElseThrow();
			ctx.figure("seed-2 hung -> out of rotation", out.map((d) -> d.toMillis() + " ms").orElse("not within 30 s"));
			ctx.figure("seed-2 manager state", hung.state() + " (" + hung.reason() + ")");
			ctx.check(out.isPresent() && out.get().compareTo(Duration.ofSeconds(10)) <= 0
					&& hung.state() == NodeState.EJECTED, "seed-2 EJECTED within 10 s of hanging");

			DownloadRunner.Result second = child.join();
			Duration took = Duration.ofNanos(System.nanoTime() - hungAt);
			ctx.figure("peer-2 download, started as seed-2 hung", took.toMillis() + " ms, parents "
					+ second.status().parents());
			ctx.checkVerified("peer-2", second, "layer.bin");
			ctx.check(second.status().bytesFromOrigin() == 0 && second.status().bytesFromPeers() == FILE,
					"peer-2 got every byte from peers: " + second.status().bytesFromPeers() + " from peers, "
							+ second.status().bytesFromOrigin() + " from the origin");
			// A hung parent is dropped after damselfly.peer.piece-stall-timeout (10 s), not piece-timeout (60 s).
			ctx.check(took.compareTo(Duration.ofSeconds(40)) < 0,
					"peer-2 did not wait out a piece timeout on the hung seed (" + took.toMillis() + " ms)");
			long originBytes = ctx.origin().bytesSent("layer.bin");
			ctx.figure("origin egress for the file", ScenarioContext.ratio(originBytes, FILE));
			ctx.check(originBytes == originBefore, "the origin served nothing more while seed-2 hung");
		}
		finally {
			ctx.cluster().resume("seed-2");
			ctx.log("seed-2 running again (SIGCONT)");
		}
		Optional<Duration> active = ctx.waitUntil(Duration.ofSeconds(60), Duration.ofMillis(200),
				() -> ctx.managerNode("seed-2").map((n) -> n.state() == NodeState.ACTIVE).orElse(false));
		ctx.figure("seed-2 running again -> ACTIVE", active.map((d) -> d.toMillis() + " ms").orElse("not within 60 s"));
		ctx.check(active.isPresent() && active.get().compareTo(Duration.ofSeconds(30)) <= 0,
				"seed-2 re-admitted (ACTIVE) within 30 s of running again");
	}

}
