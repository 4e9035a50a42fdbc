package io.damselfly.cli.scenario;

import java.nio.file.Path;
import java.util.List;

import io.damselfly.cli.http.DownloadRunner;

/** The smallest cluster: one seed and one peer. The peer's bytes come from the seed, never the origin. */
final class TwoNodesScenario implements Scenario {

	private static final long FILE = 32L * 1024 * 1024 + 5;

	@Override
	public String name() {
		return "two-nodes";
	}

	@Override
	public String description() {
		return "one seed and one peer; the peer gets its bytes from the seed, never from the origin";
	}

	@Override
	public Shape shape(Path runDir) {
		return new Shape(1, 1, 1, List.of());
	}

	@Override
	public void run(ScenarioContext ctx) throws Exception {
		String url = ctx.serve("small-cluster.bin", FILE);
		DownloadRunner.Result result = ctx.download("peer-1", url);
		ctx.checkVerified("peer-1", result, "small-cluster.bin");
		ctx.figure("peer-1 parents", result.status().parents());
		ctx.check(result.status().bytesFromOrigin() == 0 && result.status().bytesFromPeers() == FILE,
				"peer-1 took " + result.status().bytesFromPeers() + " bytes from the seed and "
						+ result.status().bytesFromOrigin() + " from the origin");
		ctx.check(result.status().parents().stream().anyMatch((p) -> p.startsWith("seed-1")),
				"peer-1's parent was seed-1");
		long origin = ctx.origin().bytesSent("small-cluster.bin");
		ctx.figure("origin egress", ScenarioContext.ratio(origin, FILE));
		ctx.check(origin <= FILE, "the origin served the file once (the seed's fetch)");
	}

}
