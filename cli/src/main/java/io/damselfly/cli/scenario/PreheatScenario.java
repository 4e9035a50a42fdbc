package io.damselfly.cli.scenario;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicLong;

import io.damselfly.cli.Format;
import io.damselfly.cli.http.DownloadRunner;
import io.damselfly.cli.http.ManagerApi;
import tools.jackson.databind.JsonNode;

/**
 * A preheat job warms the seed with a file before three peers ask for it: every peer then takes 0 bytes
 * from the origin, the origin sent the file once (the seed's fetch, during the preheat), and the first
 * peer's time to first byte is shown beside a download of a file nobody preheated.
 */
final class PreheatScenario implements Scenario {

	private static final long FILE = 16L * 1024 * 1024 + 3;

	@Override
	public String name() {
		return "preheat";
	}

	@Override
	public String description() {
		return "a preheat job warms the seed; three peers then take 0 bytes from the origin, which sent the file once";
	}

	@Override
	public Shape shape(Path runDir) {
		return new Shape(1, 1, 3, List.of());
	}

	@Override
	public void run(ScenarioContext ctx) throws Exception {
		String cold = ctx.serve("not-preheated.bin", FILE);
		String warm = ctx.serve("preheated.bin", FILE);
		Duration coldFirstByte = firstByte(ctx, "peer-1", cold).join().firstByte;

		ManagerApi manager = new ManagerApi(ctx.state().managerUrl());
		String id = manager.preheat(Map.of("type", "preheat", "url", warm, "scope", "seeds")).path("id").asString();
		ctx.log("preheat job " + id + " accepted");
		JsonNode[] job = new JsonNode[1];
		ctx.waitUntil(Duration.ofMinutes(2), Duration.ofMillis(250), () -> {
			job[0] = manager.job(id);
			String state = job[0].path("state").asString();
			return state.equals("SUCCEEDED") || state.equals("FAILED");
		});
		ctx.check(job[0] != null && job[0].path("state").asString().equals("SUCCEEDED"),
				"preheat job " + id + " succeeded" + ((job[0] != null && !job[0].path("reason").isNull())
						? " (reason: " + job[0].path("reason").asString() + ")" : ""));
		if (job[0] != null) {
			for (JsonNode node : job[0].path("nodes")) {
				ctx.figure("preheat on " + node.path("nodeId").asString(), node.path("state").asString() + ", "
						+ Format.bytes(node.path("bytes").asLong()) + " in " + node.path("durationMs").asLong() + " ms");
			}
		}
		long preheatEgress = ctx.origin().bytesSent("preheated.bin");
		ctx.check(preheatEgress >= FILE, "the preheat fetched the file from the origin (" + preheatEgress + " bytes)");

		List<CompletableFuture<Timed>> downloads = new ArrayList<>();
		for (String peer : List.of("peer-1", "peer-2", "peer-3")) {
			downloads.add(firstByte(ctx, peer, warm));
		}
		Duration warmFirstByte = null;
		for (int i = 0; i < downloads.size(); i++) {
			String peer = "peer-" + (i + 1);
			Timed timed = downloads.get(i).join();
			warmFirstByte = (warmFirstByte == null) ? timed.firstByte : warmFirstByte;
			ctx.checkVerified(peer, timed.result, "preheated.bin");
			ctx.check(timed.result.status().bytesFromOrigin() == 0, peer + " took "
					+ timed.result.status().bytesFromOrigin() + " bytes from the origin");
		}
		long egress = ctx.origin().bytesSent("preheated.bin");
		ctx.figure("origin egress for the preheated file", ScenarioContext.ratio(egress, FILE));
		ctx.check(egress <= FILE, "the origin sent the preheated file once, whatever the number of peers");
		ctx.figure("peer-1 time to first byte", Format.seconds(warmFirstByte) + " preheated, "
				+ Format.seconds(coldFirstByte) + " without preheat (polled every 100 ms)");
	}

	private static CompletableFuture<Timed> firstByte(ScenarioContext ctx, String peer, String url) {
		long start = System.nanoTime();
		AtomicLong first = new AtomicLong();
		return ctx.start(peer, url, (status) -> {
			if (status.completedBytes() > 0) {
				first.compareAndSet(0, System.nanoTime());
			}
		}).thenApply((result) -> new Timed(result, Duration.ofNanos(
				((first.get() != 0) ? first.get() : System.nanoTime()) - start)));
	}

	private record Timed(DownloadRunner.Result result, Duration firstByte) {
	}

}
