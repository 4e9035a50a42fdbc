package io.damselfly.cli.scenario;

import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CompletableFuture;

import io.damselfly.cli.http.DownloadRunner;

/**
 * A parent is SIGKILLed while a child downloads from it; the child drops it at once, finishes from
 * the other holder, and its bytes still hash right.
 */
final class KillParentScenario implements Scenario {

	private static final long FILE = 384L * 1024 * 1024;

	@Override
	public String name() {
		return "kill-parent";
	}

	@Override
	public String description() {
		return "kill -9 the parent a peer is downloading from; the download completes from others";
	}

	/**
	 * Pieces of 1 MiB, not the 16 MiB the default rule gives this file: a child then downloads in 384 steps
	 * and reports progress after each, so the status poll (every 100 ms) sees it mid-transfer and the kill
	 * lands while pieces are in flight. With 16 MiB pieces on a fast machine the whole file could arrive
	 * between two polls and the drill would kill nobody.
	 */
	private static final List<String> SMALL_PIECES = List.of("seed-1:damselfly.peer.min-piece-size=1MB",
			"seed-1:damselfly.peer.max-piece-size=1MB", "peer-1:damselfly.peer.min-piece-size=1MB",
			"peer-1:damselfly.peer.max-piece-size=1MB", "peer-2:damselfly.peer.min-piece-size=1MB",
			"peer-2:damselfly.peer.max-piece-size=1MB");

	@Override
	public Shape shape(Path runDir) {
		return new Shape(1, 1, 2, SMALL_PIECES);
	}

	@Override
	public void run(ScenarioContext ctx) throws Exception {
		String url = ctx.serve("big.bin", FILE);
		ctx.checkVerified("peer-1", ctx.download("peer-1", url), "big.bin");
		String[] victim = new String[1];
		long[] doneAtKill = new long[1];
		CompletableFuture<DownloadRunner.Result> child = ctx.start("peer-2", url, (status) -> {
			if (victim[0] == null && !status.parents().isEmpty() && status.completedBytes() > 0
					&& status.completedBytes() < FILE) {
				victim[0] = nodeOf(status.parents().get(0));
				doneAtKill[0] = status.completedBytes();
				ctx.cluster().kill(victim[0]);
			}
		});
		DownloadRunner.Result result = child.join();
		ctx.figure("killed", (victim[0] != null) ? victim[0] + " (SIGKILL) at " + doneAtKill[0] + " of " + FILE
				+ " bytes" : "nobody: the download ended first");
		ctx.check(victim[0] != null, "a parent was killed mid-transfer");
		ctx.checkVerified("peer-2", result, "big.bin");
		ctx.figure("peer-2 parents", result.status().parents());
		ctx.figure("origin egress", ScenarioContext.ratio(ctx.origin().bytesSent("big.bin"), FILE));
		ctx.check(ctx.origin().bytesSent("big.bin") <= FILE * 105 / 100,
				"the origin served the file about once (" + ctx.origin().bytesSent("big.bin") + " bytes)");
	}

	/** Peer ids are {@code <hostId>-<8 hex>} and local clusters use the node name as host id. */
	static String nodeOf(String peerId) {
		int dash = peerId.lastIndexOf('-');
		return (dash > 0) ? peerId.substring(0, dash) : peerId;
	}

}
