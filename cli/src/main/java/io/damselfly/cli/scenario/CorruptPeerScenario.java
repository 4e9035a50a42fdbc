package io.damselfly.cli.scenario;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;

import io.damselfly.cli.http.DownloadRunner;
import tools.jackson.databind.JsonNode;

/**
 * A peer serves corrupted pieces (the test-only fault switch). Children catch every bad piece with
 * SHA-256, finish from honest parents, and the schedulers eject the liar's host.
 */
final class CorruptPeerScenario implements Scenario {

	private static final long FILE = 64L * 1024 * 1024;

	@Override
	public String name() {
		return "corrupt-peer";
	}

	@Override
	public String description() {
		return "a peer serves corrupted pieces; children detect it, complete, and the scheduler ejects it";
	}

	@Override
	public Shape shape(Path runDir) {
		return new Shape(1, 1, 4, List.of("peer-1:damselfly.fault.corrupt-uploads=true"));
	}

	@Override
	public void run(ScenarioContext ctx) throws Exception {
		String url = ctx.serve("model.bin", FILE);
		ctx.checkVerified("peer-1 (the liar, its own copy is good)", ctx.download("peer-1", url), "model.bin");
		List<String> children = List.of("peer-2", "peer-3", "peer-4");
		List<CompletableFuture<DownloadRunner.Result>> running = children.stream().map((c) -> ctx.start(c, url))
			.toList();
		for (int i = 0; i < children.size(); i++) {
			DownloadRunner.Result result = running.get(i).join();
			ctx.checkVerified(children.get(i), result, "model.bin");
		}
		Optional<Duration> ejected = ctx.waitUntil(Duration.ofSeconds(10), Duration.ofMillis(200),
				() -> breaker(ctx).map((b) -> !b.equals("CLOSED") && !b.equals("NOT_TRACKED")).orElse(false));
		Optional<JsonNode> host = ctx.scheduler("/api/v1/hosts/peer-1");
		ctx.figure("peer-1 host in the scheduler", host.map(JsonNode::toString).map((t) -> t.length() > 300
				? t.substring(0, 300) + "..." : t).orElse("unknown"));
		ctx.check(ejected.isPresent(), "the scheduler ejected peer-1's host (breaker " + breaker(ctx).orElse("?") + ")");
		ctx.figure("origin egress", ScenarioContext.ratio(ctx.origin().bytesSent("model.bin"), FILE));
	}

	private static Optional<String> breaker(ScenarioContext ctx) {
		return ctx.scheduler("/api/v1/hosts/peer-1").map((h) -> h.path("breaker")).filter(JsonNode::isString)
			.map(JsonNode::asString);
	}

}
