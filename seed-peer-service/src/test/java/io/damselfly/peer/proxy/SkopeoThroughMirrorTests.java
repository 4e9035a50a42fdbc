package io.damselfly.peer.proxy;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import io.damselfly.peer.support.PeerDaemon;
import io.damselfly.peer.support.StandInScheduler;
import io.damselfly.registry.LocalRegistry;
import io.damselfly.registry.OciImage;
import io.damselfly.registry.RedirectingFront;
import io.damselfly.registry.Skopeo;
import io.damselfly.registry.Tools;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * Real Debian clients through three real daemons' registry mirrors: {@code docker-registry} holds an image
 * of three odd-sized layers behind a front that answers blob GETs with 307; {@code skopeo} pulls it by a
 * registry name that does not resolve, through peer-1, then peer-2, then peer-3. Every pull verifies, the
 * registry sends each blob about once, and manifests pass through. (The full cluster, with real schedulers
 * and a seed, runs the same pulls as the {@code registry-pull} drill.)
 */
class SkopeoThroughMirrorTests {

	@TempDir
	Path dir;

	@Test
	void skopeoPullsThroughThreePeersAndTheRegistrySendsEachBlobOnce() throws Exception {
		assumeTrue(Tools.missing().isEmpty(), () -> "skipped: " + Tools.missing().orElse(""));
		OciImage image = OciImage.write(dir.resolve("image"), 12, 1_234_567, 3_333_331, 777_777);
		List<PeerDaemon> peers = new ArrayList<>();
		try (LocalRegistry registry = LocalRegistry.start(dir.resolve("registry"));
				RedirectingFront front = RedirectingFront.start(registry.url(), 0);
				StandInScheduler scheduler = new StandInScheduler()) {
			Tools.Run pushed = Skopeo.push(image, registry.hostPort(), "app");
			assertThat(pushed.exit()).as(pushed.output()).isZero();
			for (int i = 1; i <= 3; i++) {
				peers.add(new PeerDaemon("peer-" + i, scheduler.url(), dir.resolve("peer-" + i),
						Map.of("damselfly.proxy.registry-mirror.upstream", front.url())));
			}
			LocalRegistry.Traffic before = registry.traffic();
			for (int i = 0; i < 3; i++) {
				Path conf = Skopeo.registriesConf(dir.resolve("conf-" + i).resolve("registries.conf"),
						"127.0.0.1:" + peers.get(i).proxyPort());
				Path out = dir.resolve("pulled-" + i);
				Tools.Run pulled = Skopeo.pull(conf, "app", out);
				System.out.println("skopeo through peer-" + (i + 1) + ":\n" + pulled.output());
				assertThat(pulled.exit()).as(pulled.output()).isZero();
				assertThat(Skopeo.verifiedBlobs(out)).as("layers and config hashing to their digests")
					.isEqualTo(image.layers().size() + 1);
			}
			LocalRegistry.Traffic pulls = registry.traffic().minus(before);
			System.out.printf("registry: %d blob bytes in %d blob GETs for three pulls of %d blob bytes; %d manifest GETs;"
					+ " front redirects %d%n", pulls.blobBytes(), pulls.blobGets(), image.blobBytes(), pulls.manifestGets(),
					front.redirects());
			assertThat(pulls.blobBytes()).as("blob bytes the registry sent for three pulls of %d", image.blobBytes())
				.isLessThanOrEqualTo(image.blobBytes() * 105 / 100);
			assertThat(front.redirects()).as("blob GETs answered with 307 by the front").isPositive();
			assertThat(pulls.manifestGets()).as("manifest GETs passed through").isGreaterThanOrEqualTo(3);
		}
		finally {
			peers.forEach(PeerDaemon::close);
		}
	}

}
