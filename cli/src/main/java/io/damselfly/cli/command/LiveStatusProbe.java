package io.damselfly.cli.command;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;

import io.damselfly.cli.cluster.NodeRecord;
import io.damselfly.cli.cluster.Readiness;
import io.damselfly.cli.http.ApiError;
import io.damselfly.cli.http.Http;
import io.damselfly.cli.http.ManagerApi;
import io.damselfly.redis.LocalRedisCluster;
import org.jspecify.annotations.Nullable;

/** {@link StatusProbe} against the real processes and services of a local cluster. */
final class LiveStatusProbe implements StatusProbe {

	@Override
	public boolean alive(NodeRecord node) {
		return node.alive();
	}

	@Override
	public boolean ready(NodeRecord node) {
		return Readiness.isReady(node);
	}

	@Override
	public Registry registry(List<String> managerUrls) {
		Registry failed = Registry.failed(0, "no manager to ask");
		for (String manager : managerUrls) {
			try {
				return Registry.of(new ManagerApi(manager).nodes());
			}
			catch (ApiError ex) {
				// ask the next one; a refusal is kept, it says more than an unreachable manager
				failed = failed.refused() ? failed : Registry.failed(ex.status(), ex.getMessage());
			}
			catch (UncheckedIOException ex) {
				// this manager is down: ask the next one
				failed = failed.refused() ? failed : Registry.failed(0, ex.getMessage());
			}
		}
		return failed;
	}

	@Override
	public @Nullable String redisRole(int port) {
		try {
			return LocalRedisCluster.command(port, "INFO", "replication").lines().filter((l) -> l.startsWith("role:"))
				.map((l) -> l.substring(5).strip()).findFirst().orElse(null);
		}
		catch (IOException ex) {
			return "unreachable";
		}
	}

	@Override
	public StatusView.SchedulerView host(String schedulerUrl, String name) {
		try {
			return StatusView.SchedulerView.of(Http.getTree(schedulerUrl + "/api/v1/hosts/" + name));
		}
		catch (ApiError ex) {
			return (ex.status() == 404) ? StatusView.SchedulerView.unknown() : StatusView.SchedulerView.failed("error " + ex.status());
		}
		catch (UncheckedIOException ex) {
			return StatusView.SchedulerView.failed("scheduler unreachable");
		}
	}

}
