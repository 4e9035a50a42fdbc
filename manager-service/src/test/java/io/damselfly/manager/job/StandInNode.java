package io.damselfly.manager.job;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

import reactor.core.publisher.Mono;
import reactor.netty.DisposableServer;
import reactor.netty.http.server.HttpServer;

import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;

/**
 * A real HTTP server on a free loopback port standing in for a peer daemon's download API (every
 * download succeeds at once with 100 bytes) and, optionally, a scheduler's host list.
 */
final class StandInNode implements AutoCloseable {

	final List<String> downloads = new CopyOnWriteArrayList<>();

	final List<Long> downloadTimes = new CopyOnWriteArrayList<>();

	private final AtomicInteger ids = new AtomicInteger();

	private final DisposableServer server;

	private volatile String hosts = "[]";

	StandInNode() {
		this.server = HttpServer.create().host("127.0.0.1").port(0)
			.route((routes) -> routes.post("/api/v1/downloads", (request, response) -> request.receive().aggregate()
				.asString()
				.flatMap((body) -> {
					downloads.add(body);
					downloadTimes.add(System.nanoTime());
					return Mono.from(json(response, "{\"id\":\"dl-" + ids.incrementAndGet() + "\",\"taskId\":\"" + "a".repeat(64)
							+ "\"}"));
				}))
				.get("/api/v1/downloads/{id}", (request, response) -> json(response, """
						{"id":"%s","taskId":"%s","peerId":null,"url":"http://origin.test/f","state":"SUCCEEDED",\
						"completedBytes":100,"contentLength":100,"bytesFromPeers":100,"bytesFromOrigin":0,\
						"parents":[],"startedAt":"2026-01-01T00:00:00Z","finishedAt":"2026-01-01T00:00:01Z"}"""
					.formatted(request.param("id"), "a".repeat(64))))
				.get("/api/v1/hosts", (request, response) -> json(response, hosts)))
			.bindNow();
	}

	private static org.reactivestreams.Publisher<Void> json(reactor.netty.http.server.HttpServerResponse response,
			String body) {
		return response.header(HttpHeaders.CONTENT_TYPE, MediaType.APPLICATION_JSON_VALUE).sendString(Mono.just(body));
	}

	/** Makes this node answer {@code GET /api/v1/hosts} with these normal peers. */
	void listNormalPeers(StandInNode... peers) {
		StringBuilder json = new StringBuilder("[");
		for (int i = 0; i < peers.length; i++) {
			json.append((i > 0) ? "," : "").append("""
					{"hostId":"peer-%d-%d","hostname":"p","ip":"127.0.0.1","port":%d,"type":"NORMAL",\
					"uploadSlots":200,"uploadsInFlight":0,"health":{"status":"UP"}}""".formatted(i, peers[i].port(),
					peers[i].port()));
		}
		hosts = json.append("]").toString();
	}

	int port() {
		return server.port();
	}

	@Override
	public void close() {
		server.disposeNow();
	}

}
