package io.damselfly.cli.scenario;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Path;

import io.damselfly.cli.cluster.NodeRecord;
import io.damselfly.registry.Skopeo;
import io.damselfly.registry.Tools;

/**
 * One {@code skopeo} pull of an image through a peer's registry mirror, by a registry name that does not
 * resolve, with what the peer took from other peers and from the registry meanwhile, and how many of the
 * pulled blobs hash to their digests. Shared by the drills that pull real images.
 *
 * @param peer the peer whose mirror served the pull
 * @param exit skopeo's exit code
 * @param verifiedBlobs pulled files (layers and config) whose SHA-256 is their name
 * @param fromPeers bytes the peer received from other peers during the pull
 * @param fromOrigin bytes the peer received from the registry during the pull
 * @param output what skopeo printed
 */
record ImagePull(String peer, int exit, int verifiedBlobs, long fromPeers, long fromOrigin, String output) {

	/** Pulls {@code repository:v1} through {@code peer}'s mirror into {@code dir/<peer>-pulled}. */
	static ImagePull through(ScenarioContext ctx, Path dir, String peer, String repository) throws Exception {
		NodeRecord node = ctx.node(peer);
		double peersBefore = ctx.traffic(peer, "peer");
		double originBefore = ctx.traffic(peer, "origin");
		Path conf = Skopeo.registriesConf(dir.resolve(peer + "-registries.conf"), "127.0.0.1:" + node.proxyPort());
		Path out = dir.resolve(peer + "-pulled");
		Tools.Run pulled = Skopeo.pull(conf, repository, out);
		ctx.log("skopeo through " + peer + " (" + node.proxyUrl() + "): " + pulled.output().strip().replace("\n", "\n    "));
		int verified = (pulled.exit() == 0) ? Skopeo.verifiedBlobs(out) : 0;
		return new ImagePull(peer, pulled.exit(), verified, Math.round(ctx.traffic(peer, "peer") - peersBefore),
				Math.round(ctx.traffic(peer, "origin") - originBefore), pulled.output());
	}

	boolean ok(int blobs) {
		return exit == 0 && verifiedBlobs == blobs;
	}

	/** A free loopback port, for a registry front whose address the cluster's settings must name up front. */
	static int freePort() {
		try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
			return socket.getLocalPort();
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

}
