package io.damselfly.cli.scenario;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;

import io.damselfly.cli.http.DownloadRunner;

/**
 * Redis is killed mid-run and started again on the same port. The manager and the schedulers must
 * say they are not ready while it is gone and recover by themselves; downloads in flight complete, or
 * fail cleanly and succeed when retried, never with corrupt output.
 */
final class RedisRestartScenario implements Scenario {

	private static final long FILE = 128L * 1024 * 1024;

	@Override
	public String name() {
		return "redis-restart";
	}

	@Override
	public String description() {
		return "Redis restarted mid-run; services go not-ready, recover by themselves, downloads finish intact";
	}

	@Override
	public boolean needsStandaloneRedis() {
		return true;
	}

	@Override
	public Shape shape(Path runDir) {
		return new Shape(2, 1, 2, List.of());
	}

	@Override
	public void run(ScenarioContext ctx) throws Exception {
		String url = ctx.serve("dataset.bin", FILE);
		List<String> peers = List.of("peer-1", "peer-2");
		List<CompletableFuture<DownloadRunner.Result>> running = peers.stream().map((p) -> ctx.start(p, url)).toList();
		ScenarioContext.sleep(300);
		ctx.cluster().kill("redis");
		ctx.log("Redis killed (SIGKILL) 300 ms into the downloads");
		Optional<Duration> notReady = ctx.waitUntil(Duration.ofSeconds(15), Duration.ofMillis(100),
				() -> ctx.readiness("manager") == 503 && ctx.readiness("scheduler-1") == 503);
		ctx.figure("Redis gone -> manager and scheduler not ready",
				notReady.map((d) -> d.toMillis() + " ms").orElse("not within 15 s"));
		ctx.check(notReady.isPresent(), "manager and scheduler-1 report not ready (503) while Redis is gone");
		ScenarioContext.sleep(2000);
		ctx.cluster().start("redis", Duration.ofSeconds(30));
		Optional<Duration> ready = ctx.waitUntil(Duration.ofSeconds(30), Duration.ofMillis(100),
				() -> ctx.readiness("manager") == 200 && ctx.readiness("scheduler-1") == 200
						&& ctx.readiness("scheduler-2") == 200);
		ctx.figure("Redis back -> manager and schedulers ready",
				ready.map((d) -> d.toMillis() + " ms").orElse("not within 30 s"));
		ctx.check(ready.isPresent(), "manager and schedulers recover by themselves once Redis is back");
		for (int i = 0; i < peers.size(); i++) {
			DownloadRunner.Result result = running.get(i).join();
			if (!result.succeeded()) {
				ctx.log(peers.get(i) + " failed cleanly (" + result.status().error() + "): retrying");
				result = ctx.download(peers.get(i), url);
			}
			ctx.checkVerified(peers.get(i), result, "dataset.bin");
		}
		DownloadRunner.Result after = ctx.download("peer-1", ctx.serve("after-restart.bin", 4L * 1024 * 1024));
		ctx.checkVerified("peer-1 (new task after the restart)", after, "after-restart.bin");
	}

}
