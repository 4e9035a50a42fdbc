package io.damselfly.cli.command;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

import io.damselfly.cli.DamselflyCli;
import io.damselfly.cli.Format;
import io.damselfly.cli.Terminal;
import io.damselfly.cli.cluster.ClusterNotRunningException;
import io.damselfly.cli.cluster.LocalCluster;
import io.damselfly.cli.cluster.ClusterState;
import io.damselfly.cli.http.DownloadRunner;
import io.damselfly.cli.http.DownloadSummary;
import io.damselfly.cli.http.PeerApi;
import io.damselfly.common.digest.Digests;
import io.damselfly.common.download.DownloadRequest;
import io.damselfly.common.download.DownloadStatus;
import io.damselfly.common.id.TaskIds;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/**
 * {@code damselfly get URL -O FILE}: one download through a peer. A person gets a progress bar (on a
 * terminal only) and a few lines; a script gets, with {@code --json}, one JSON object and nothing else
 * on stdout. Exit codes in docs/cli.md#exit-codes.
 */
@Command(name = "get", description = "Download a URL through a peer and write it to a file.")
public class GetCommand implements Runnable {

	@ParentCommand
	DamselflyCli parent;

	@Spec
	CommandSpec spec;

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

	@Option(names = "--json", description = "Print one JSON summary at the end (also when the download failed), "
			+ "nothing else on stdout")
	boolean json;

	@Override
	public void run() {
		Options.usage(spec, () -> TaskIds.requireHttpUrl(url));
		if (digest != null) {
			Options.usage(spec, () -> Digests.parseUserDigest(digest));
		}
		Map<String, String> originHeaders = Options.usage(spec, () -> Options.headers(headers));
		Duration limit = Options.usage(spec, () -> Options.duration("--timeout", timeout));
		PeerApi api = new PeerApi(peerUrl());
		DownloadRequest request = new DownloadRequest(url, digest, tag, application, originHeaders, null);
		PrintWriter out = spec.commandLine().getOut();
		boolean bar = Terminal.ofThisProcess().drawsProgress(json);
		Consumer<DownloadStatus> progress = bar ? (status) -> progress(out, status) : (status) -> {
		};
		DownloadRunner.Result result = DownloadRunner.run(api, request, output.toAbsolutePath(), limit, progress);
		if (bar) {
			out.println();
		}
		DownloadSummary summary = DownloadSummary.of(api.baseUrl(), output, result);
		if (json) {
			out.println(summary.toJson());
			out.flush();
		}
		if (!result.succeeded()) {
			throw new IllegalStateException("download failed: " + summary.error());
		}
		if (!json) {
			summary.lines().forEach(out::println);
		}
	}

	private String peerUrl() {
		Path runDir = parent.runDir("run");
		// The local cluster's token and certificate, also for a peer given by URL (one of its own, usually).
		LocalCluster.useCredentials(runDir);
		if (peer.startsWith("http://") || peer.startsWith("https://")) {
			return peer;
		}
		ClusterState state = ClusterState.load(runDir).orElseThrow(() -> new ClusterNotRunningException("no cluster in "
				+ runDir + " to find peer '" + peer + "' in: pass --peer http://host:port or start one with ./damselfly up"));
		return Options.node(spec, state, peer).url();
	}

	private static void progress(PrintWriter out, DownloadStatus status) {
		long total = status.contentLength();
		int percent = (total > 0) ? (int) (100 * status.completedBytes() / total) : 0;
		int bars = percent / 4;
		out.printf("\r[%-25s] %3d%% %s / %s  peers %s origin %s   ", "#".repeat(bars), percent,
				Format.bytes(status.completedBytes()), Format.bytes(total), Format.bytes(status.bytesFromPeers()),
				Format.bytes(status.bytesFromOrigin()));
		out.flush();
	}

}
