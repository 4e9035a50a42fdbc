package io.damselfly.cli.scenario;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicLong;

import io.damselfly.cli.Format;
import io.damselfly.cli.http.DownloadRunner;
import io.damselfly.cli.http.ManagerApi;
import io.damselfly.registry.LocalRegistry;
import io.damselfly.registry.OciImage;
import io.damselfly.registry.RedirectingFront;
import io.damselfly.registry.Skopeo;
import io.damselfly.registry.Tools;
import tools.jackson.databind.JsonNode;

/**
 * A preheat job warms the seed with a file before three peers ask for it: every peer then takes 0 bytes
 * from the origin, the origin sent the file once (the seed's fetch, during the preheat), and the first
 * peer's time to first byte is shown beside a download of a file nobody preheated. Then an image of three
 * layers, pushed to a Debian {@code docker-registry}, is preheated by reference: the manager resolves its
 * manifest and the seed fetches every blob; {@code skopeo} then pulls it through each peer's registry
 * mirror, and no peer takes a byte from the registry, which sent each blob once.
 */
final class PreheatScenario implements Scenario {

	private static final long FILE = 16L * 1024 * 1024 + 3;

	private static final int[] LAYER_FILES = { 2_345_679, 1_111_111, 4_444_447 };

	private static final String REPOSITORY = "warm";

	private final int frontPort = ImagePull.freePort();

	@Override
	public String name() {
		return "preheat";
	}

	@Override
	public String description() {
		return "preheat jobs warm the seed with a file and a 3-layer image; three peers then take 0 bytes from the"
				+ " origin and the registry, which sent each once";
	}

	@Override
	public Optional<String> unavailable() {
		return Tools.missing();
	}

	@Override
	public Shape shape(Path runDir) {
		return new Shape(1, 1, 3,
				List.of("peers:damselfly.proxy.registry-mirror.upstream=http://127.0.0.1:" + frontPort));
	}

	@Override
	public void run(ScenarioContext ctx) throws Exception {
		String cold = ctx.serve("not-preheated.bin", FILE);
		String warm = ctx.serve("preheated.bin", FILE);
		Duration coldFirstByte = firstByte(ctx, "peer-1", cold).join().firstByte;

		ManagerApi manager = new ManagerApi(ctx.state().managerUrl());
		preheat(ctx, manager, Map.of("type", "preheat", "url", warm, "scope", "seeds"));
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

		image(ctx, manager);
	}

	/** The image half: preheat by reference, then three pulls through the peers' mirrors. */
	private void image(ScenarioContext ctx, ManagerApi manager) throws Exception {
		Path dir = ctx.dir().resolve("registry");
		OciImage image = OciImage.write(dir.resolve("image"), 31, LAYER_FILES);
		int blobs = image.layers().size() + 1;
		try (LocalRegistry registry = LocalRegistry.start(dir.resolve("registry"));
				RedirectingFront front = RedirectingFront.start(registry.url(), frontPort)) {
			Tools.Run pushed = Skopeo.push(image, registry.hostPort(), REPOSITORY);
			if (!ctx.check(pushed.exit() == 0, "skopeo pushed a " + image.layers().size() + "-layer image to "
					+ registry.url())) {
				ctx.log(pushed.output());
				return;
			}
			LocalRegistry.Traffic before = registry.traffic();
			String reference = "127.0.0.1:" + frontPort + "/" + REPOSITORY + ":v1";
			preheat(ctx, manager, Map.of("type", "preheat", "image", reference, "plainHttp", true, "scope", "seeds"));
			LocalRegistry.Traffic preheated = registry.traffic().minus(before);
			ctx.check(preheated.blobBytes() >= image.blobBytes(), "the preheat fetched every blob of " + reference
					+ " from the registry (" + preheated.blobBytes() + " of " + image.blobBytes() + " bytes)");
			for (String peer : List.of("peer-1", "peer-2", "peer-3")) {
				ImagePull pull = ImagePull.through(ctx, dir, peer, REPOSITORY);
				ctx.check(pull.ok(blobs), "skopeo pulled the preheated image through " + peer + " and "
						+ pull.verifiedBlobs() + " of " + blobs + " blobs hash to their digests");
				ctx.check(pull.fromOrigin() == 0, peer + " took " + pull.fromOrigin() + " blob bytes from the registry");
			}
			LocalRegistry.Traffic total = registry.traffic().minus(before);
			ctx.figure("registry blob bytes for the preheated image", ScenarioContext.ratio(total.blobBytes(),
					image.blobBytes()));
			ctx.check(total.blobBytes() <= image.blobBytes(), "the registry sent each blob once ("
					+ total.blobBytes() + " of " + image.blobBytes() + " bytes), for the preheat and three pulls");
		}
	}

	/** Submits a preheat job and waits for its end, showing each node's share. */
	private static void preheat(ScenarioContext ctx, ManagerApi manager, Map<String, Object> request) {
		String id = manager.preheat(request).path("id").asString();
		ctx.log("preheat job " + id + " accepted: " + request);
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
