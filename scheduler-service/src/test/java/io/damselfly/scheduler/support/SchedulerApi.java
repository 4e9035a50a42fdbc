package io.damselfly.scheduler.support;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import io.damselfly.common.host.HealthSnapshot;
import io.damselfly.common.host.HealthStatus;
import io.damselfly.common.host.HostAnnounce;
import io.damselfly.common.host.HostType;
import io.damselfly.common.id.TaskIds;
import io.damselfly.common.peer.PeerOutcome;
import io.damselfly.common.peer.PeerRegistration;
import io.damselfly.common.peer.PieceReport;
import io.damselfly.common.peer.PieceResult;
import io.damselfly.common.peer.RescheduleRequest;
import io.damselfly.common.schedule.PeerScheduleExplanation;
import io.damselfly.common.schedule.ScheduleDecision;
import io.damselfly.common.task.TaskView;
import io.damselfly.scheduler.state.RedisKeys;
import io.damselfly.testsupport.redis.TestRedis;
import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisURI;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.cluster.RedisClusterClient;
import io.lettuce.core.cluster.api.StatefulRedisClusterConnection;

import org.springframework.http.HttpStatus;
import org.springframework.test.web.reactive.server.WebTestClient;

/** A typed client of one scheduler instance's API, for integration tests. */
public final class SchedulerApi {

	private final WebTestClient web;

	/** Every call carries an admin token, as an operator's would. */
	public SchedulerApi(WebTestClient web) {
		this.web = TestSecurity.admin(web);
	}

	public static SchedulerApi at(String baseUrl) {
		return new SchedulerApi(WebTestClient.bindToServer().baseUrl(baseUrl).responseTimeout(Duration.ofSeconds(30))
			.build());
	}

	public WebTestClient web() {
		return web;
	}

	public static HostAnnounce host(String hostId, int port, HostType type, HealthSnapshot health) {
		return new HostAnnounce(hostId, hostId, "127.0.0.1", port, type, null, null, 100, 0, health);
	}

	public static HostAnnounce healthy(String hostId, int port) {
		return host(hostId, port, HostType.NORMAL, HealthSnapshot.up());
	}

	public static HealthSnapshot diskFull() {
		return new HealthSnapshot(HealthStatus.DOWN, 91.0, "diskSpace: used 91% > 85%", Map.of("diskSpace", "DOWN"));
	}

	public void announce(HostAnnounce announce) {
		web.post().uri("/api/v1/hosts").bodyValue(announce).exchange().expectStatus().isOk();
	}

	public ScheduleDecision register(String peerId, String hostId, String url) {
		return register(new PeerRegistration(peerId, hostId, url, null, null, null, null, null));
	}

	public ScheduleDecision register(PeerRegistration registration) {
		return web.post().uri("/api/v1/peers").bodyValue(registration).exchange().expectStatus().isOk()
			.expectBody(ScheduleDecision.class).returnResult().getResponseBody();
	}

	public ScheduleDecision reschedule(String peerId, String taskId, String... blocklist) {
		return web.post().uri("/api/v1/peers/{id}/reschedule", peerId)
			.bodyValue(new RescheduleRequest(taskId, List.of(blocklist), null)).exchange().expectStatus().isOk()
			.expectBody(ScheduleDecision.class).returnResult().getResponseBody();
	}

	public void report(String peerId, PieceReport report) {
		web.post().uri("/api/v1/peers/{id}/pieces", peerId).bodyValue(report).exchange().expectStatus()
			.isNoContent();
	}

	/**
	 * The first fetcher reports every piece from the origin with its digest. It stands in for a peer the
	 * scheduler sent to the origin ({@link #sentToOrigin}): the scheduler takes origin pieces from no other.
	 */
	public void reportFromOrigin(String peerId, String taskId, int pieces) {
		sentToOrigin(taskId, peerId);
		long pieceSize = 4L << 20;
		List<PieceResult> results = java.util.stream.IntStream.range(0, pieces)
			.mapToObj((n) -> PieceResult.ok(n, null, null, 5, pieceSize, digest(taskId, n)))
			.toList();
		report(peerId, new PieceReport(taskId, pieces * pieceSize, pieceSize, results));
	}

	/**
	 * Records the peer in the task's origin set, as a BACK_TO_SOURCE decision does, for tests that stand in
	 * for an origin fetcher without walking the relaxation ladder to the origin first.
	 */
	public static void sentToOrigin(String taskId, String peerId) {
		String key = RedisKeys.origin(taskId);
		if (TestRedis.clusterMode()) {
			List<RedisURI> nodes = TestRedis.cluster().ports().stream()
				.map((port) -> RedisURI.create("127.0.0.1", port))
				.toList();
			RedisClusterClient client = RedisClusterClient.create(nodes);
			try (StatefulRedisClusterConnection<String, String> connection = client.connect()) {
				connection.sync().sadd(key, peerId);
			}
			finally {
				client.shutdown();
			}
			return;
		}
		RedisClient client = RedisClient.create(TestRedis.get().url());
		try (StatefulRedisConnection<String, String> connection = client.connect()) {
			connection.sync().sadd(key, peerId);
		}
		finally {
			client.shutdown();
		}
	}

	public static String digest(String taskId, int piece) {
		return io.damselfly.common.digest.Digests.sha256Hex(taskId + "/" + piece);
	}

	public void finished(String peerId, String taskId) {
		web.post().uri("/api/v1/peers/{id}/finished", peerId).bodyValue(new PeerOutcome(taskId, null, null)).exchange()
			.expectStatus().isNoContent();
	}

	public PeerScheduleExplanation explanation(String peerId) {
		return web.get().uri("/api/v1/peers/{id}/schedule", peerId).exchange().expectStatus().isOk()
			.expectBody(PeerScheduleExplanation.class).returnResult().getResponseBody();
	}

	public TaskView task(String taskId) {
		return web.get().uri("/api/v1/tasks/{id}", taskId).exchange().expectStatus().isOk().expectBody(TaskView.class)
			.returnResult().getResponseBody();
	}

	public io.damselfly.scheduler.api.HostView host(String hostId) {
		return web.get().uri("/api/v1/hosts/{id}", hostId).exchange().expectStatus().isOk()
			.expectBody(io.damselfly.scheduler.api.HostView.class).returnResult().getResponseBody();
	}

	/**
	 * The value of one Prometheus sample, e.g. {@code damselfly_scheduler_host_breakers{state="open"}}
	 * (the {@code application} label every meter carries left out); -1 when absent.
	 */
	public double metric(String sample) {
		String text = web.get().uri("/actuator/prometheus")
			.header("Authorization", "Bearer " + TestSecurity.SCRAPE_TOKEN).exchange().expectStatus().isOk().expectBody(String.class)
			.returnResult().getResponseBody();
		for (String line : (text != null) ? text.split("\n") : new String[0]) {
			line = line.replaceFirst("\\{application=\"[^\"]*\",?", "{").replace("{}", "");
			if (line.startsWith(sample + " ")) {
				return Double.parseDouble(line.substring(sample.length() + 1).trim());
			}
		}
		return -1;
	}

	public HttpStatus hostStatus(String hostId) {
		return HttpStatus.valueOf(web.get().uri("/api/v1/hosts/{id}", hostId).exchange().returnResult(String.class)
			.getStatus().value());
	}

	public static String taskId(String url) {
		return TaskIds.derive(url, null, null);
	}

	public static String url(String name) {
		return "http://origin.test/" + name + "-" + java.util.UUID.randomUUID() + ".bin";
	}

}
