package io.damselfly.peer.transfer;

import java.io.EOFException;
import java.io.IOException;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

import io.damselfly.common.peer.FailureKind;
import io.damselfly.peer.storage.PieceSource;
import io.damselfly.peer.support.RawHttpServer;
import io.damselfly.service.security.TokenSource;
import io.damselfly.service.tls.ClusterHttpClients;
import io.netty.buffer.Unpooled;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.netty.DisposableServer;
import reactor.netty.http.server.HttpServer;

import org.springframework.web.reactive.function.client.WebClient;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The blocking piece client against real HTTP servers: whole bodies over kept-alive connections, the
 * token on every request, refusals with the parent's status and detail, stalls, bodies cut short, and
 * connections that never outlive their use.
 */
class PieceClientTests {

	private static final String TASK = "a".repeat(64);

	private final AtomicLong now = new AtomicLong();

	private final ClusterHttpClients http = ClusterHttpClients.jdkTrust();

	private final KeptConnections connections = new KeptConnections(
			(address) -> http.connect(address.scheme(), address.host(), address.port(), Duration.ofSeconds(2)),
			Duration.ofSeconds(30), now::get);

	private final List<AutoCloseable> servers = new CopyOnWriteArrayList<>();

	@AfterEach
	void stop() throws Exception {
		connections.close();
		for (AutoCloseable server : servers) {
			server.close();
		}
	}

	@Test
	void piecesArriveWholeAndOneConnectionCarriesOnePieceAfterAnother() throws Exception {
		byte[] body = new byte[3 * 1024 * 1024 + 17];
		ThreadLocalRandom.current().nextBytes(body);
		AtomicInteger opened = new AtomicInteger();
		List<String> paths = new CopyOnWriteArrayList<>();
		String parent = reactorParent((server) -> server.doOnChannelInit((observer, channel, remote) -> opened.incrementAndGet())
			.handle((request, response) -> {
				paths.add(request.uri());
				return response.header("Content-Length", String.valueOf(body.length))
					.send(Mono.just(Unpooled.wrappedBuffer(body)));
			}));
		PieceClient client = client(() -> Mono.empty());
		for (int n = 0; n < 3; n++) {
			assertThat(readAll(client.piece(parent, TASK, n, Duration.ofSeconds(5)).block())).isEqualTo(body);
		}
		assertThat(paths).containsExactly("/api/v1/tasks/" + TASK + "/pieces/0", "/api/v1/tasks/" + TASK + "/pieces/1",
				"/api/v1/tasks/" + TASK + "/pieces/2");
		assertThat(opened).as("connections opened for three pieces in a row").hasValue(1);
		assertThat(connections.idleCount()).isEqualTo(1);
	}

	@Test
	void theTokenGoesOnEveryRequestAndARefusedOneIsForgotten() throws Exception {
		List<String> authorizations = new CopyOnWriteArrayList<>();
		String parent = reactorParent((server) -> server.handle((request, response) -> {
			authorizations.add(String.valueOf(request.requestHeaders().get("Authorization")));
			return response.status(401).header("Content-Type", "application/problem+json")
				.sendString(Mono.just("{\"title\":\"Unauthorized\",\"status\":401,\"detail\":\"token expired\"}"));
		}));
		AtomicInteger invalidated = new AtomicInteger();
		PieceClient client = client(new TokenSource() {
			@Override
			public Mono<String> token() {
				return Mono.just("tok-1");
			}

			@Override
			public void invalidate() {
				invalidated.incrementAndGet();
			}
		});
		assertThatThrownBy(() -> readAll(client.piece(parent, TASK, 0, Duration.ofSeconds(5)).block()))
			.isInstanceOfSatisfying(PieceRefusedException.class, (ex) -> assertThat(ex.status()).isEqualTo(401))
			.hasMessageContaining("401").hasMessageContaining("token expired");
		assertThat(authorizations).containsExactly("Bearer tok-1");
		assertThat(invalidated).hasValue(1);
	}

	@Test
	void aRefusalCarriesTheParentsStatusAndDetailAndIsReportedAsRefused() throws Exception {
		AtomicInteger opened = new AtomicInteger();
		String parent = reactorParent((server) -> server.doOnChannelInit((observer, channel, remote) -> opened.incrementAndGet())
			.handle((request, response) -> response.status(404).header("Content-Type", "application/problem+json")
				.sendString(Mono.just("{\"status\":404,\"detail\":\"piece 3 of task a… is not held here\"}"))));
		PieceClient client = client(() -> Mono.empty());
		for (int i = 0; i < 2; i++) {
			Throwable refused = catchRead(client.piece(parent, TASK, 3, Duration.ofSeconds(5)).block());
			assertThat(refused).isInstanceOf(PieceRefusedException.class).hasMessageContaining("404")
				.hasMessageContaining("is not held here");
			assertThat(Failures.kind(refused)).isEqualTo(FailureKind.REFUSED);
			assertThat(Failures.isParentFailure(refused)).isTrue();
		}
		assertThat(opened).as("a refusal read to its end keeps the connection").hasValue(1);
	}

	@Test
	void aPieceStallsOnlyWhenTheParentSendsNothingForTheStallTimeoutNotWhenItIsSlowAsAWhole() throws Exception {
		// Slow but steady: 16 chunks 100 ms apart, 1.6 s in all, never near 1 s without a byte.
		String parent = reactorParent((server) -> server.route((routes) -> routes
			.get("/api/v1/tasks/{taskId}/pieces/0", (request, response) -> response.header("Content-Length", "16384")
				.send(Flux.interval(Duration.ofMillis(100)).take(16).map((i) -> Unpooled.wrappedBuffer(new byte[1024]))))
			.get("/api/v1/tasks/{taskId}/pieces/1", (request, response) -> response.header("Content-Length", "12288")
				.send(Mono.just(Unpooled.wrappedBuffer(new byte[1024])).concatWith(Mono.never())))));
		PieceClient client = client(() -> Mono.empty());
		assertThat(readAll(client.piece(parent, TASK, 0, Duration.ofSeconds(1)).block())).hasSize(16384);
		long start = System.nanoTime();
		assertThat(catchRead(client.piece(parent, TASK, 1, Duration.ofSeconds(1)).block()))
			.isInstanceOf(SocketTimeoutException.class);
		assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(5));
	}

	@Test
	void aBodyCutShortIsAnErrorNamingWhatIsMissingAndItsConnectionIsNotKept() throws Exception {
		String parent = rawParent((in, out) -> {
			out.write(("HTTP/1.1 200 OK\r\nContent-Length: 10000\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
			out.write(new byte[100]);
		});
		PieceClient client = client(() -> Mono.empty());
		assertThat(catchRead(client.piece(parent, TASK, 0, Duration.ofSeconds(5)).block()))
			.isInstanceOf(EOFException.class).hasMessageContaining("9900 of the body's 10000 bytes unsent");
		assertThat(connections.idleCount()).isZero();
	}

	@Test
	void aChunkedOrUnframedPieceIsRefused() throws Exception {
		String chunked = rawParent((in, out) -> {
			out.write("HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n4\r\nabcd\r\n0\r\n\r\n"
				.getBytes(StandardCharsets.US_ASCII));
		});
		String unframed = rawParent((in, out) -> {
			out.write("HTTP/1.1 200 OK\r\nConnection: close\r\n\r\nabcd".getBytes(StandardCharsets.US_ASCII));
		});
		PieceClient client = client(() -> Mono.empty());
		assertThat(catchRead(client.piece(chunked, TASK, 0, Duration.ofSeconds(5)).block()))
			.hasMessageContaining("chunked encoding");
		assertThat(catchRead(client.piece(unframed, TASK, 0, Duration.ofSeconds(5)).block()))
			.hasMessageContaining("without a Content-Length");
	}

	@Test
	void aKeptAliveConnectionTheParentClosedMeanwhileIsReplacedOnce() throws Exception {
		AtomicInteger accepted = new AtomicInteger();
		// Answers one request per connection, keep-alive by its headers, then closes: as a parent restarted.
		String parent = rawParent((in, out) -> {
			accepted.incrementAndGet();
			out.write("HTTP/1.1 200 OK\r\nContent-Length: 4\r\n\r\nabcd".getBytes(StandardCharsets.US_ASCII));
		});
		PieceClient client = client(() -> Mono.empty());
		assertThat(readAll(client.piece(parent, TASK, 0, Duration.ofSeconds(5)).block())).containsExactly('a', 'b',
				'c', 'd');
		assertThat(connections.idleCount()).isEqualTo(1);
		Thread.sleep(200);
		assertThat(readAll(client.piece(parent, TASK, 1, Duration.ofSeconds(5)).block())).containsExactly('a', 'b',
				'c', 'd');
		assertThat(accepted).hasValue(2);
	}

	@Test
	void abortFromAnotherThreadEndsABlockedReadAtOnce() throws Exception {
		String parent = reactorParent((server) -> server.handle((request, response) -> response
			.header("Content-Length", "4096").send(Mono.just(Unpooled.wrappedBuffer(new byte[10])).concatWith(Mono.never()))));
		PieceSource body = client(() -> Mono.empty()).piece(parent, TASK, 0, Duration.ofSeconds(30)).block();
		assertThat(body).isNotNull();
		Thread aborter = new Thread(() -> {
			sleep(300);
			body.abort();
		});
		aborter.start();
		long start = System.nanoTime();
		assertThat(catchRead(body)).isInstanceOf(IOException.class).isNotInstanceOf(SocketTimeoutException.class);
		assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(5));
		aborter.join();
		assertThat(connections.idleCount()).isZero();
	}

	@Test
	void idleConnectionsAreClosedByTheSweepAfterTheIdleTimeoutAndAllAtClose() throws Exception {
		AtomicInteger open = new AtomicInteger();
		String parent = reactorParent((server) -> server
			.doOnChannelInit((observer, channel, remote) -> {
				open.incrementAndGet();
				channel.closeFuture().addListener((f) -> open.decrementAndGet());
			})
			.handle((request, response) -> response.header("Content-Length", "4").sendString(Mono.just("abcd"))));
		PieceClient client = client(() -> Mono.empty());
		readAll(client.piece(parent, TASK, 0, Duration.ofSeconds(5)).block());
		assertThat(connections.sweep()).as("not idle long enough yet").isZero();
		now.addAndGet(Duration.ofSeconds(31).toNanos());
		assertThat(connections.sweep()).isEqualTo(1);
		awaitZero(open);
		readAll(client.piece(parent, TASK, 1, Duration.ofSeconds(5)).block());
		assertThat(connections.idleCount()).isEqualTo(1);
		connections.close();
		awaitZero(open);
		assertThatThrownBy(() -> readAll(client.piece(parent, TASK, 2, Duration.ofSeconds(5)).block()))
			.hasMessageContaining("closed");
	}

	@Test
	void inputsThatCannotFormARequestAreRefusedBeforeAnyConnection() {
		PieceClient client = client(() -> Mono.empty());
		assertThatThrownBy(() -> client.piece("http://127.0.0.1:1", "../etc/passwd", 0, Duration.ofSeconds(1)).block())
			.isInstanceOf(IllegalArgumentException.class).hasMessageContaining("task id");
		assertThatThrownBy(() -> client.piece("ftp://127.0.0.1:1", TASK, 0, Duration.ofSeconds(1)).block())
			.isInstanceOf(IllegalArgumentException.class).hasMessageContaining("http://");
		assertThatThrownBy(() -> client.piece("http://127.0.0.1:1", TASK, -1, Duration.ofSeconds(1)).block())
			.isInstanceOf(IllegalArgumentException.class).hasMessageContaining("negative");
	}

	private PieceClient client(TokenSource tokens) {
		return new PieceClient(WebClient.create(), connections, tokens);
	}

	private String reactorParent(java.util.function.UnaryOperator<HttpServer> configure) {
		DisposableServer server = configure.apply(HttpServer.create().host("127.0.0.1").port(0)).bindNow();
		servers.add(server::disposeNow);
		return "http://127.0.0.1:" + server.port();
	}

	/** A server written by hand: for each connection, reads one request head and lets {@code answer} reply. */
	private String rawParent(RawHttpServer.Answer answer) throws IOException {
		RawHttpServer server = new RawHttpServer(answer);
		servers.add(server);
		return server.url();
	}

	private static byte[] readAll(PieceSource body) throws IOException {
		return RawHttpServer.readAll(body);
	}

	private static Throwable catchRead(PieceSource body) {
		return RawHttpServer.catchRead(body);
	}

	private static void awaitZero(AtomicInteger open) throws InterruptedException {
		long deadline = System.nanoTime() + Duration.ofSeconds(5).toNanos();
		while (open.get() > 0 && System.nanoTime() < deadline) {
			Thread.sleep(20);
		}
		assertThat(open).as("connections the server still has open").hasValue(0);
	}

	private static void sleep(long millis) {
		try {
			Thread.sleep(millis);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
	}

}
