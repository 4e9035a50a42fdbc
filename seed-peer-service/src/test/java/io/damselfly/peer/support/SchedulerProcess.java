package io.damselfly.peer.support;

import io.damselfly.testsupport.security.TestTokens;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.List;

import io.damselfly.redis.LocalRedisServer;

/** The real scheduler jar run as a process (copied first, so a rebuild cannot pull it away mid-test). */
public final class SchedulerProcess implements AutoCloseable {

	private final Process process;

	private final int port;

	public final Path log;

	/** The scheduler jar, if it has been built. */
	public static Path jar() {
		String configured = System.getProperty("damselfly.scheduler.jar");
		return (configured != null) ? Path.of(configured)
				: Path.of("..", "scheduler-service", "target", "scheduler-service-0.1.0-SNAPSHOT.jar");
	}

	public SchedulerProcess(Path workDir, String redisUrl, String managerUrl) throws IOException {
		this.port = LocalRedisServer.freePort();
		Files.createDirectories(workDir);
		Path copy = Files.copy(jar(), workDir.resolve("scheduler.jar"), StandardCopyOption.REPLACE_EXISTING);
		this.log = workDir.resolve("scheduler.log");
		List<String> command = List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-Xmx256m",
				"-jar", copy.toString(), "--server.port=" + port, "--spring.data.redis.url=" + redisUrl,
				"--damselfly.manager.url=" + managerUrl, "--damselfly.node.advertise-host=127.0.0.1",
				"--spring.main.banner-mode=off", "--damselfly.security.jwk-set-uri=" + TestTokens.shared().jwkSetUri(),
				"--damselfly.security.token-uri=" + TestTokens.shared().url() + "/api/v1/auth/token",
				"--damselfly.security.join-secret=test-scheduler-secret");
		this.process = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
		awaitReady();
	}

	public String url() {
		return "http://127.0.0.1:" + port;
	}

	private void awaitReady() throws IOException {
		HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(1)).build();
		long deadline = System.nanoTime() + Duration.ofSeconds(90).toNanos();
		while (System.nanoTime() < deadline) {
			if (!process.isAlive()) {
				throw new IllegalStateException("scheduler exited: " + Files.readString(log));
			}
			try {
				HttpResponse<Void> response = http.send(
						HttpRequest.newBuilder(URI.create(url() + "/actuator/health/readiness")).build(),
						HttpResponse.BodyHandlers.discarding());
				if (response.statusCode() == 200) {
					return;
				}
			}
			catch (IOException ex) {
				// not listening yet
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
				throw new IllegalStateException(ex);
			}
			PeerDaemon.sleep(200);
		}
		close();
		throw new IllegalStateException("scheduler not ready within 90 s: " + Files.readString(log));
	}

	@Override
	public void close() {
		process.destroy();
		try {
			if (!process.waitFor(10, java.util.concurrent.TimeUnit.SECONDS)) {
				process.destroyForcibly().waitFor();
			}
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
	}

}
