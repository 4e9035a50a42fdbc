package io.damselfly.cli.command;

import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import io.damselfly.cli.DamselflyCli;
import io.damselfly.cli.Format;
import io.damselfly.cli.cluster.ClusterSecrets;
import io.damselfly.cli.cluster.ClusterState;
import io.damselfly.cli.http.Http;
import io.damselfly.cli.cluster.NodeRecord;
import io.damselfly.cli.http.DownloadRunner;
import io.damselfly.cli.http.PeerApi;
import io.damselfly.common.digest.Digests;
import io.damselfly.common.download.DownloadRequest;
import io.damselfly.common.download.DownloadStatus;
import io.damselfly.common.id.TaskIds;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

@Command(name = "get", description = "Download a URL through a peer and write it to a file.")
public class GetCommand implements Runnable {

	@ParentCommand
	DamselflyCli parent;

	@Parameters(paramLabel = "URL", description = "http or https URL of the origin content")
	String url;

	@Option(names = { "-O", "--output" }, required = true, description = "File to write")
	Path output;

	@Option(names = "--peer", defaultValue = "peer-1", description = "Peer node name or URL, default ${DEFAULT-VALUE}")
	String peer;

	@Option(names = "--digest", description = "Expected whole-file digest, sha256:<hex>")
	String digest;

	@Option(names = "--tag", description = "Task tag")
	String tag;

	@Option(names = "--application", description = "Task application")
	String application;

	@Option(names = { "-H", "--header" }, description = "Origin request header 'Name: value' (repeatable)")
	List<String> headers = List.of();

	@Option(names = "--timeout", defaultValue = "30m", description = "Give up after, default ${DEFAULT-VALUE}")
	String timeout;

	@Override
	public void run() {
		TaskIds.requireHttpUrl(url);
		if (digest != null) {
			Digests.parseUserDigest(digest);
		}
		PeerApi api = new PeerApi(peerUrl());
		DownloadRequest request = new DownloadRequest(url, digest, tag, application, Options.headers(headers), null);
		PrintStream out = System.out;
		boolean terminal = System.console() != null;
		DownloadRunner.Result result = DownloadRunner.run(api, request, output.toAbsolutePath(),
				Options.duration("--timeout", timeout),
				terminal ? (status) -> progress(out, status) : (status) -> {
				});
		if (terminal) {
			out.println();
		}
		DownloadStatus status = result.status();
		if (!result.succeeded()) {
			throw new IllegalStateException("download failed: " + status.error());
		}
		out.printf("%s  %s in %s (%s/s)%n", output, Format.bytes(status.contentLength()), Format.seconds(result.elapsed()),
				Format.bytes(rate(status.contentLength(), result.elapsed())));
		out.printf("  from peers %s, from origin %s, parents %s%n", Format.bytes(status.bytesFromPeers()),
				Format.bytes(status.bytesFromOrigin()), status.parents());
		if (status.freshness() != null) {
			out.println("  freshness: " + status.freshness());
		}
		if (status.backToSourceReason() != null) {
			out.println("  back to source: " + status.backToSourceReason());
		}
		out.println("  sha256 " + result.sha256());
	}

	private String peerUrl() {
		if (peer.startsWith("http://") || peer.startsWith("https://")) {
			return peer;
		}
		ClusterSecrets.adminToken(parent.runDir("run")).ifPresent(Http::useToken);
		return ClusterState.load(parent.runDir("run")).flatMap((s) -> s.node(peer)).map(NodeRecord::url)
			.orElseThrow(() -> new IllegalArgumentException("no running cluster has a node named '" + peer
					+ "': pass --peer http://host:port or start one with ./damselfly up"));
	}

	private static void progress(PrintStream out, DownloadStatus status) {
		long total = status.contentLength();
		int percent = (total > 0) ? (int) (100 * status.completedBytes() / total) : 0;
		int bars = percent / 4;
		out.printf("\r[%-25s] %3d%% %s / %s  peers %s origin %s   ", "#".repeat(bars), percent,
				Format.bytes(status.completedBytes()), Format.bytes(total), Format.bytes(status.bytesFromPeers()),
				Format.bytes(status.bytesFromOrigin()));
	}

	private static long rate(long bytes, Duration elapsed) {
		long millis = Math.max(1, elapsed.toMillis());
		return bytes * 1000 / millis;
	}

}
