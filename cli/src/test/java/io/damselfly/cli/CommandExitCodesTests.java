package io.damselfly.cli;

import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.damselfly.cli.cluster.ClusterState;
import io.damselfly.cli.cluster.NodeKind;
import io.damselfly.cli.cluster.NodeRecord;
import io.damselfly.cli.http.Http;
import io.damselfly.common.digest.Digests;
import io.damselfly.common.download.DownloadAccepted;
import io.damselfly.common.download.DownloadState;
import io.damselfly.common.download.DownloadStatus;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The whole command line, as a script runs it: the exit code of each kind of outcome, and in
 * {@code --json} mode one JSON document on stdout and nothing else. A peer daemon is played by a small
 * HTTP server and a stopped cluster by its state file, so no node is started.
 */
class CommandExitCodesTests {

	private static final String URL = "http://127.0.0.1:1/f.bin";

	@TempDir
	Path dir;

	private HttpServer peer;

	@AfterEach
	void stopPeer() {
		if (peer != null) {
			peer.stop(0);
		}
	}

	/** What a run printed and returned. */
	record Run(int code, String out, String err) {
	}

	private static Run run(String... args) {
		StringWriter out = new StringWriter();
		StringWriter err = new StringWriter();
		var cli = DamselflyCli.commandLine();
		cli.setOut(new PrintWriter(out, true));
		cli.setErr(new PrintWriter(err, true));
		int code = cli.execute(args);
		return new Run(code, out.toString(), err.toString());
	}

	@Test
	void aMissingOrBadOptionIsAUsageError() {
		assertThat(run("get", URL).code()).as("no -O").isEqualTo(ExitCodes.USAGE);
		assertThat(run("--no-such-option").code()).isEqualTo(ExitCodes.USAGE);
		Run ftp = run("get", "ftp://origin/f.bin", "-O", dir.resolve("f").toString());
		assertThat(ftp.code()).isEqualTo(ExitCodes.USAGE);
		assertThat(ftp.err()).contains("http");
		assertThat(run("get", URL, "-O", "f", "--timeout", "soon").code()).isEqualTo(ExitCodes.USAGE);
		assertThat(run("get", URL, "-O", "f", "-H", "no colon").code()).isEqualTo(ExitCodes.USAGE);
		assertThat(run("get", URL, "-O", "f", "--digest", "md5:abc").code()).isEqualTo(ExitCodes.USAGE);
		assertThat(run("demo", "--scenario", "no-such-drill").code()).isEqualTo(ExitCodes.USAGE);
		assertThat(run("demo", "--size", "lots").code()).isEqualTo(ExitCodes.USAGE);
	}

	@Test
	void helpIsSuccess() {
		Run help = run("--help");

		assertThat(help.code()).isEqualTo(ExitCodes.OK);
		assertThat(help.out()).contains("status", "get");
	}

	@Test
	void withoutAClusterStatusAndGetSayNoCluster() {
		Path empty = dir.resolve("empty");

		Run status = run("--run-dir", empty.toString(), "status", "--json");
		Run get = run("--run-dir", empty.toString(), "get", URL, "-O", dir.resolve("f").toString(), "--json");

		assertThat(status.code()).isEqualTo(ExitCodes.NO_CLUSTER);
		assertThat(status.out()).isEmpty();
		assertThat(status.err()).contains("no cluster in");
		assertThat(get.code()).isEqualTo(ExitCodes.NO_CLUSTER);
		assertThat(get.out()).isEmpty();
		assertThat(run("--run-dir", empty.toString(), "preheat", URL).code()).isEqualTo(ExitCodes.NO_CLUSTER);
		assertThat(run("preheat", URL, "--manager", "http://127.0.0.1:" + closedPort()).code())
			.isEqualTo(ExitCodes.NO_CLUSTER);
	}

	@Test
	void aPeerNameTheClusterDoesNotHaveIsAUsageError() {
		Path runDir = dir.resolve("run");
		stoppedCluster(closedPort()).save(runDir);

		Run get = run("--run-dir", runDir.toString(), "get", URL, "-O", dir.resolve("f").toString(), "--peer", "peer-9");

		assertThat(get.code()).isEqualTo(ExitCodes.USAGE);
		assertThat(get.err()).contains("peer-9", "peer-1");
	}

	@Test
	void aNodeNameTheClusterDoesNotHaveIsAUsageErrorForEveryCommand() {
		Path runDir = dir.resolve("run");
		stoppedCluster(closedPort()).save(runDir);

		for (String command : List.of("kill", "start", "logs")) {
			Run run = run("--run-dir", runDir.toString(), command, "peer-9");
			assertThat(run.code()).as(command).isEqualTo(ExitCodes.USAGE);
			assertThat(run.err()).as(command).contains("no node named 'peer-9'", "peer-1");
		}
	}

	@Test
	void killingAStoppedNodeFailsAndWithoutAClusterThereIsNoCluster() {
		Path runDir = dir.resolve("run");
		stoppedCluster(closedPort()).save(runDir);

		Run stopped = run("--run-dir", runDir.toString(), "kill", "peer-1");
		Run none = run("--run-dir", dir.resolve("empty").toString(), "kill", "peer-1");

		assertThat(stopped.code()).isEqualTo(ExitCodes.FAILED);
		assertThat(stopped.err()).contains("peer-1 is not running");
		assertThat(none.code()).isEqualTo(ExitCodes.NO_CLUSTER);
	}

	@Test
	void aPeerThatRefusesTheConnectionIsNoCluster() {
		Run get = run("get", URL, "-O", dir.resolve("f").toString(), "--peer", "http://127.0.0.1:" + closedPort());

		assertThat(get.code()).isEqualTo(ExitCodes.NO_CLUSTER);
		assertThat(get.err()).contains("connection refused");
	}

	@Test
	void aRefusedTokenIsRefused() throws IOException {
		startPeer((exchange) -> send(exchange, 401, "{\"status\":401,\"detail\":\"a bearer token is required\"}"));

		Run get = run("get", URL, "-O", dir.resolve("f").toString(), "--peer", peerUrl());

		assertThat(get.code()).isEqualTo(ExitCodes.REFUSED);
		assertThat(get.err()).contains("401", "a bearer token is required");
	}

	@Test
	void aFailedDownloadFailsAndStillPrintsItsJsonSummary() throws IOException {
		byte[] content = new byte[0];
		startPeer((exchange) -> answer(exchange, status(DownloadState.FAILED, 0, "origin answered 500"), content));

		Run get = run("get", URL, "-O", dir.resolve("f").toString(), "--peer", peerUrl(), "--json");

		assertThat(get.code()).isEqualTo(ExitCodes.FAILED);
		assertThat(get.out().lines()).singleElement();
		JsonNode summary = Http.JSON.readTree(get.out());
		assertThat(summary.get("state").asString()).isEqualTo("FAILED");
		assertThat(summary.get("error").asString()).isEqualTo("origin answered 500");
		assertThat(summary.get("sha256").isNull()).isTrue();
		assertThat(get.err()).contains("download failed: origin answered 500");
	}

	@Test
	void aSucceededDownloadPrintsOnlyItsJsonSummary() throws IOException {
		byte[] content = "some bytes from the swarm".getBytes(StandardCharsets.UTF_8);
		startPeer((exchange) -> answer(exchange, status(DownloadState.SUCCEEDED, content.length, null), content));
		Path output = dir.resolve("out/f.bin");

		Run get = run("get", URL, "-O", output.toString(), "--peer", peerUrl(), "--json");

		assertThat(get.code()).isEqualTo(ExitCodes.OK);
		assertThat(get.out().lines()).singleElement();
		JsonNode summary = Http.JSON.readTree(get.out());
		assertThat(summary.get("state").asString()).isEqualTo("SUCCEEDED");
		assertThat(summary.get("taskId").asString()).isEqualTo("t-1");
		assertThat(summary.get("output").asString()).isEqualTo(output.toAbsolutePath().toString());
		assertThat(summary.get("bytes").asLong()).isEqualTo(content.length);
		assertThat(summary.get("sha256").asString()).isEqualTo(Digests.sha256Hex(content));
		assertThat(summary.get("bytesFromPeers").asLong()).isEqualTo(content.length);
		assertThat(summary.get("backToSourceReason").isNull()).isTrue();
		assertThat(Files.readAllBytes(output)).isEqualTo(content);
	}

	@Test
	void withoutJsonASucceededDownloadPrintsItsLinesAndNoProgressBarIntoAPipe() throws IOException {
		byte[] content = "some bytes from the swarm".getBytes(StandardCharsets.UTF_8);
		startPeer((exchange) -> answer(exchange, status(DownloadState.SUCCEEDED, content.length, null), content));

		Run get = run("get", URL, "-O", dir.resolve("f.bin").toString(), "--peer", peerUrl());

		assertThat(get.code()).isEqualTo(ExitCodes.OK);
		assertThat(get.out()).doesNotContain("\r").doesNotContain("{");
		assertThat(get.out()).contains("from peers 25 B", "sha256 " + Digests.sha256Hex(content));
	}

	@Test
	void statusOfAStoppedClusterPrintsOneJsonDocumentAndSaysNothingRuns() {
		Path runDir = dir.resolve("run");
		int manager = closedPort();
		stoppedCluster(manager).save(runDir);

		Run status = run("--run-dir", runDir.toString(), "status", "--json");

		assertThat(status.code()).isEqualTo(ExitCodes.NO_CLUSTER);
		assertThat(status.out().lines()).singleElement();
		JsonNode json = Http.JSON.readTree(status.out());
		assertThat(json.get("runDir").asString()).isEqualTo(runDir.toAbsolutePath().toString());
		assertThat(json.get("managerUrl").asString()).isEqualTo("http://127.0.0.1:" + manager);
		assertThat(json.get("managerAnswered").asBoolean()).isFalse();
		assertThat(json.get("nodes").valueStream().map((n) -> n.get("process").asString())).containsOnly("stopped");
		assertThat(json.get("nodes").get(1).get("proxyUrl").asString()).isEqualTo("http://127.0.0.1:9100");

		Run table = run("--run-dir", runDir.toString(), "status");
		assertThat(table.code()).isEqualTo(ExitCodes.NO_CLUSTER);
		assertThat(table.out()).startsWith("NODE").contains("peer-1", "stopped", "did not answer");
	}

	private static ClusterState stoppedCluster(int managerPort) {
		return new ClusterState("http://127.0.0.1:" + managerPort, "http://127.0.0.1:1", "redis://127.0.0.1:1",
				List.of(new NodeRecord("manager", NodeKind.MANAGER, managerPort, "http://127.0.0.1:" + managerPort, 0,
						null, List.of("java"), "manager.log"),
						new NodeRecord("peer-1", NodeKind.PEER, 1, "http://127.0.0.1:1", 0, null, List.of("java"),
								"peer-1.log", 9100)));
	}

	private static DownloadStatus status(DownloadState state, long bytes, String error) {
		return new DownloadStatus("d-1", "t-1", "peer-id", URL, state, bytes, bytes, bytes, 0, List.of("seed-1"), null,
				error, null, Instant.parse("2025-01-01T00:00:00Z"), null, null);
	}

	/** Plays a peer daemon's download API for one download. */
	private static void answer(HttpExchange exchange, DownloadStatus status, byte[] content) throws IOException {
		String path = exchange.getRequestURI().getPath();
		if (exchange.getRequestMethod().equals("POST") && path.equals("/api/v1/downloads")) {
			send(exchange, 202, Http.JSON.writeValueAsString(new DownloadAccepted("d-1", "t-1")));
		}
		else if (path.equals("/api/v1/downloads/d-1")) {
			send(exchange, 200, Http.JSON.writeValueAsString(status));
		}
		else if (path.equals("/api/v1/downloads/d-1/content")) {
			exchange.sendResponseHeaders(200, content.length);
			try (OutputStream body = exchange.getResponseBody()) {
				body.write(content);
			}
		}
		else {
			send(exchange, 404, "{\"detail\":\"no " + path + "\"}");
		}
	}

	private static void send(HttpExchange exchange, int code, String json) throws IOException {
		byte[] body = json.getBytes(StandardCharsets.UTF_8);
		exchange.getResponseHeaders().set("Content-Type", "application/json");
		exchange.sendResponseHeaders(code, body.length);
		try (OutputStream out = exchange.getResponseBody()) {
			out.write(body);
		}
	}

	private void startPeer(com.sun.net.httpserver.HttpHandler handler) throws IOException {
		peer = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
		peer.createContext("/", handler);
		peer.start();
	}

	private String peerUrl() {
		return "http://127.0.0.1:" + peer.getAddress().getPort();
	}

	private static int closedPort() {
		try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
			return socket.getLocalPort();
		}
		catch (IOException ex) {
			throw new IllegalStateException(ex);
		}
	}

}
