package io.damselfly.cli.scenario;

import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

import io.damselfly.registry.LocalRegistry;
import io.damselfly.registry.OciImage;
import io.damselfly.registry.RedirectingFront;
import io.damselfly.registry.Skopeo;
import io.damselfly.registry.Tools;

/**
 * Real clients pull a real image peer to peer: a Debian {@code docker-registry} holds an image of three
 * layers of odd sizes behind a front that answers blob GETs with 307 (as object-storage registries do);
 * {@code skopeo} pulls it by a registry name that does not resolve, through peer-1's registry mirror, then
 * peer-2's and peer-3's. The registry sends each blob about once; manifests pass through.
 */
final class RegistryPullScenario implements Scenario {

	private static final int[] LAYER_FILES = { 1_234_567, 3_333_331, 777_777 };

	private static final String REPOSITORY = "app";

	private final int frontPort = ImagePull.freePort();

	@Override
	public String name() {
		return "registry-pull";
	}

	@Override
	public String description() {
		return "skopeo pulls a 3-layer image through three peers' registry mirrors; the registry sends each blob once";
	}

	@Override
	public Optional<String> unavailable() {
		return Tools.missing();
	}

	@Override
	public Shape shape(Path runDir) {
		return new Shape(1, 1, 3, List.of("peers:damselfly.proxy.registry-mirror.upstream=http://127.0.0.1:" + frontPort));
	}

	@Override
	public void run(ScenarioContext ctx) throws Exception {
		Path dir = ctx.dir().resolve("registry");
		OciImage image = OciImage.write(dir.resolve("image"), 12, LAYER_FILES);
		try (LocalRegistry registry = LocalRegistry.start(dir.resolve("registry"));
				RedirectingFront front = RedirectingFront.start(registry.url(), frontPort)) {
			Tools.Run pushed = Skopeo.push(image, registry.hostPort(), REPOSITORY);
			if (!ctx.check(pushed.exit() == 0, "skopeo pushed the image to docker-registry at " + registry.url())) {
				ctx.log(pushed.output());
				return;
			}
			ctx.log("image: " + image.layers().size() + " layers + config, " + image.blobBytes() + " blob bytes; front "
					+ front.url() + " redirects blob GETs to " + registry.url());
			LocalRegistry.Traffic before = registry.traffic();
			StringBuilder table = new StringBuilder(
					String.format("%-8s %7s %16s %19s%n", "peer", "layers", "bytes from peers", "bytes from registry"));
			for (String peer : List.of("peer-1", "peer-2", "peer-3")) {
				ImagePull pull = ImagePull.through(ctx, dir, peer, REPOSITORY);
				ctx.check(pull.ok(image.layers().size() + 1),
						"skopeo pulled through " + peer + " and " + pull.verifiedBlobs() + " blobs hash to their digests");
				table.append(String.format("%-8s %7d %16d %19d%n", peer, image.layers().size(), pull.fromPeers(),
						pull.fromOrigin()));
				if (!peer.equals("peer-1")) {
					ctx.check(pull.fromOrigin() == 0, peer + " took no blob bytes from the registry (" + pull.fromOrigin() + ")");
				}
			}
			LocalRegistry.Traffic pulls = registry.traffic().minus(before);
			ctx.log("\n" + table.toString().stripTrailing());
			ctx.figure("registry blob bytes", ScenarioContext.ratio(pulls.blobBytes(), image.blobBytes()));
			ctx.figure("front redirects", front.redirects());
			ctx.check(pulls.blobBytes() <= image.blobBytes() * 105 / 100, "the registry sent " + pulls.blobBytes()
					+ " blob bytes for three pulls of " + image.blobBytes() + " (at most 1.05x)");
			ctx.check(front.redirects() > 0, "blob fetches went through the front's 307 (" + front.redirects() + ")");
			ctx.check(pulls.manifestGets() >= 3, "manifests passed through to the registry (" + pulls.manifestGets()
					+ " manifest GETs)");
		}
	}

}
