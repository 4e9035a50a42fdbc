package io.damselfly.cli.scenario;

import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CompletableFuture;

import io.damselfly.cli.http.DownloadRunner;

/**
 * The origin stops after the first full fetch; later peers still complete from the swarm, serving the
 * generation the first fetch confirmed and saying it is stale (docs/architecture.md#trust-and-security).
 */
final class OriginDownScenario implements Scenario {

	private static final long FILE = 32L * 1024 * 1024;

	@Override
	public String name() {
		return "origin-down";
	}

	@Override
	public String description() {
		return "the origin stops after the first full fetch; later peers complete from the swarm";
	}

	@Override
	public Shape shape(Path runDir) {
		return new Shape(1, 1, 3, List.of());
	}

	@Override
	public void run(ScenarioContext ctx) throws Exception {
		String url = ctx.serve("pkg.bin", FILE);
		ctx.checkVerified("peer-1", ctx.download("peer-1", url), "pkg.bin");
		ctx.origin().close();
		ctx.log("origin stopped after the first full fetch (" + ctx.origin().bytesSent("pkg.bin") + " bytes sent)");
		List<String> later = List.of("peer-2", "peer-3");
		List<CompletableFuture<DownloadRunner.Result>> running = later.stream().map((p) -> ctx.start(p, url)).toList();
		for (int i = 0; i < later.size(); i++) {
			DownloadRunner.Result result = running.get(i).join();
			ctx.checkVerified(later.get(i), result, "pkg.bin");
			ctx.check(result.status().bytesFromOrigin() == 0, later.get(i) + " took 0 bytes from the origin");
			String freshness = String.valueOf(result.status().freshness());
			ctx.check(freshness.startsWith("served stale: origin unreachable"),
					later.get(i) + " says it served the known generation stale: " + freshness);
		}
	}

}
