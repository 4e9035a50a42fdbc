package io.damselfly.cli.command;

import java.io.PrintStream;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.damselfly.cli.DamselflyCli;
import io.damselfly.cli.Format;
import io.damselfly.cli.Terminal;
import io.damselfly.cli.cluster.ClusterNotRunningException;
import io.damselfly.cli.cluster.ClusterState;
import io.damselfly.cli.cluster.LocalCluster;
import io.damselfly.cli.http.ManagerApi;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import tools.jackson.databind.JsonNode;

/**
 * {@code damselfly preheat URL|IMAGE}: asks the manager to warm the seeds (or every peer) with a file or
 * an image's blobs, and with {@code --wait} follows the job to its end. Exit code 0 when the job was
 * accepted (or, with {@code --wait}, succeeded), 1 when it failed, 3 without a manager to ask, 4 when the
 * manager refused the token (docs/cli.md#exit-codes).
 */
@Command(name = "preheat", description = "Warm the seeds (or every peer) with a URL or an image before a rollout.")
public class PreheatCommand implements Runnable {

	@ParentCommand
	DamselflyCli parent;

	@Spec
	CommandSpec spec;

	@Parameters(paramLabel = "URL|IMAGE", description = "http(s) URL, or image reference such as 127.0.0.1:5000/app:v1")
	String target;

	@Option(names = "--scope", defaultValue = "seeds", description = "seeds or all-peers, default ${DEFAULT-VALUE}")
	String scope;

	@Option(names = "--wait", description = "Follow the job until it ends")
	boolean wait;

	@Option(names = "--plain-http", description = "Talk to the image's registry over http")
	boolean plainHttp;

	@Option(names = "--platform", description = "os/arch picked from an image index (manager default linux/amd64)")
	String platform;

	@Option(names = { "-H", "--header" }, description = "Origin or registry request header 'Name: value' (repeatable)")
	List<String> headers = List.of();

	@Option(names = "--manager", description = "Manager URL (default: the running local cluster's)")
	String manager;

	@Option(names = "--timeout", defaultValue = "30m", description = "With --wait, give up after, default ${DEFAULT-VALUE}")
	String timeout;

	@Override
	public void run() {
		Map<String, String> parsed = Options.usage(spec, () -> Options.headers(headers));
		Duration limit = Options.usage(spec, () -> Options.duration("--timeout", timeout));
		ManagerApi api = new ManagerApi(managerUrl());
		Map<String, Object> request = new LinkedHashMap<>();
		request.put("type", "preheat");
		boolean url = target.startsWith("http://") || target.startsWith("https://");
		request.put(url ? "url" : "image", target);
		request.put("scope", scope);
		if (plainHttp) {
			request.put("plainHttp", true);
		}
		if (platform != null) {
			request.put("platform", platform);
		}
		if (!parsed.isEmpty()) {
			request.put("headers", parsed);
		}
		JsonNode job = api.preheat(request);
		String id = job.path("id").asString();
		PrintStream out = System.out;
		out.println("preheat job " + id + " accepted (" + scope + ")");
		if (!wait) {
			return;
		}
		long deadline = System.nanoTime() + limit.toNanos();
		boolean terminal = Terminal.ofThisProcess().drawsProgress(false);
		String last = "";
		while (true) {
			job = api.job(id);
			String line = progress(job);
			if (terminal) {
				out.print("\r" + line + "   ");
			}
			else if (!line.equals(last)) {
				out.println(line);
			}
			last = line;
			String state = job.path("state").asString();
			if (state.equals("SUCCEEDED") || state.equals("FAILED")) {
				break;
			}
			if (System.nanoTime() > deadline) {
				throw new IllegalStateException("preheat job " + id + " still " + state + " after " + timeout);
			}
			sleep(Duration.ofMillis(500));
		}
		if (terminal) {
			out.println();
		}
		for (JsonNode node : job.path("nodes")) {
			out.printf("  %-5s %-28s %-9s %10s  origin %10s  %6d ms%s%n", node.path("role").asString(),
					node.path("nodeId").asString(), node.path("state").asString(), Format.bytes(node.path("bytes").asLong()),
					Format.bytes(node.path("bytesFromOrigin").asLong()), node.path("durationMs").asLong(),
					node.path("reason").isNull() || node.path("reason").isMissingNode() ? ""
							: "  " + node.path("reason").asString());
		}
		if (job.path("state").asString().equals("FAILED")) {
			throw new IllegalStateException("preheat job " + id + " failed: " + job.path("reason").asString());
		}
	}

	static String progress(JsonNode job) {
		int done = 0;
		int total = 0;
		for (JsonNode node : job.path("nodes")) {
			total++;
			String state = node.path("state").asString();
			if (state.equals("SUCCEEDED") || state.equals("FAILED")) {
				done++;
			}
		}
		return String.format("%s  %d/%d nodes  %s  %d artifacts  %s", job.path("state").asString(), done, total,
				Format.bytes(job.path("bytes").asLong()), job.path("artifacts").size(),
				Format.seconds(Duration.ofMillis(job.path("durationMs").asLong())));
	}

	private String managerUrl() {
		LocalCluster.useCredentials(parent.runDir("run"));
		if (manager != null) {
			return manager;
		}
		return ClusterState.load(parent.runDir("run")).map(ClusterState::managerUrl)
			.orElseThrow(() -> new ClusterNotRunningException(
					"no running cluster: pass --manager http://host:port or start one with ./damselfly up"));
	}

	private static void sleep(Duration duration) {
		try {
			Thread.sleep(duration.toMillis());
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException("interrupted");
		}
	}

}
