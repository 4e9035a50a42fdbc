package io.damselfly.cli.scenario;

import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CompletableFuture;

import io.damselfly.cli.http.DownloadRunner;

/** One of three schedulers is SIGKILLed during downloads; peers fail over and nothing is lost. */
final class KillSchedulerScenario implements Scenario {

	private static final long FILE = 128L * 1024 * 1024;

	@Override
	public String name() {
		return "kill-scheduler";
	}

	@Override
	public String description() {
		return "3 schedulers, one killed during downloads; every download completes, no extra origin fetch";
	}

	@Override
	public Shape shape(Path runDir) {
		return new Shape(3, 1, 3, List.of());
	}

	@Override
	public void run(ScenarioContext ctx) throws Exception {
		String url = ctx.serve("image.bin", FILE);
		List<String> peers = List.of("peer-1", "peer-2", "peer-3");
		List<CompletableFuture<DownloadRunner.Result>> running = peers.stream().map((p) -> ctx.start(p, url)).toList();
		ScenarioContext.sleep(300);
		ctx.cluster().kill("scheduler-1");
		ctx.log("scheduler-1 killed (SIGKILL) 300 ms into the downloads");
		for (int i = 0; i < peers.size(); i++) {
			ctx.checkVerified(peers.get(i), running.get(i).join(), "image.bin");
		}
		long origin = ctx.origin().bytesSent("image.bin");
		ctx.figure("origin egress", ScenarioContext.ratio(origin, FILE));
		ctx.check(origin <= FILE * 105 / 100, "no extra origin fetch (" + origin + " of " + FILE + " bytes)");
		DownloadRunner.Result late = ctx.download("peer-1", ctx.serve("after.bin", 4L * 1024 * 1024));
		ctx.checkVerified("peer-1 (new download after the kill)", late, "after.bin");
	}

}
