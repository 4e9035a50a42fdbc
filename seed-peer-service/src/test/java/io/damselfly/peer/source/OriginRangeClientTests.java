package io.damselfly.peer.source;

import java.io.IOException;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicInteger;

import io.damselfly.peer.support.RawHttpServer;
import io.damselfly.peer.transfer.KeptConnections;
import io.netty.buffer.Unpooled;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Mono;
import reactor.netty.DisposableServer;
import reactor.netty.http.server.HttpServer;

import org.springframework.web.reactive.function.client.WebClient;
import org.springframework.web.reactive.function.client.WebClientResponseException;

import static io.damselfly.peer.support.RawHttpServer.catchRead;
import static io.damselfly.peer.support.RawHttpServer.readAll;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The blocking Range client of origins against real HTTP servers: ranges over one kept-alive connection,
 * the caller's headers without the ones the client frames, every answer that is not the range turned
 * into the error the reactive client would give (or handed back to it), the address policy applied
 * before any packet, and stalls bounded.
 */
class OriginRangeClientTests {

	private static final OriginAddressPolicy LOOPBACK_ALLOWED = new OriginAddressPolicy(true, false);

	private final List<AutoCloseable> closing = new CopyOnWriteArrayList<>();

	/** The connections of the last client made. */
	private KeptConnections kept;

	@AfterEach
	void stop() throws Exception {
		for (AutoCloseable c : closing) {
			c.close();
		}
	}

	@Test
	void rangesArriveExactlyOverOneKeptAliveConnectionWithTheCallersHeadersButNotItsFraming() throws Exception {
		byte[] content = new byte[2 * 1024 * 1024];
		ThreadLocalRandom.current().nextBytes(content);
		AtomicInteger opened = new AtomicInteger();
		List<String> seen = new CopyOnWriteArrayList<>();
		DisposableServer server = HttpServer.create().host("127.0.0.1").port(0)
			.doOnChannelInit((observer, channel, remote) -> opened.incrementAndGet())
			.handle((request, response) -> {
				String range = request.requestHeaders().get("Range");
				seen.add(range + " auth=" + request.requestHeaders().get("Authorization") + " host="
						+ request.requestHeaders().get("Host") + " connection=" + request.requestHeaders().get("Connection"));
				String[] bounds = range.substring("bytes=".length()).split("-");
				int from = Integer.parseInt(bounds[0]);
				int to = Integer.parseInt(bounds[1]);
				return response.status(206)
					.header("Content-Range", "bytes " + from + "-" + to + "/" + content.length)
					.header("Content-Length", String.valueOf(to - from + 1))
					.send(Mono.just(Unpooled.wrappedBuffer(content, from, to - from + 1)));
			})
			.bindNow();
		closing.add(server::disposeNow);
		OriginClient client = client(LOOPBACK_ALLOWED, Duration.ofSeconds(5));
		OriginTarget target = new OriginTarget(URI.create("http://127.0.0.1:" + server.port() + "/f.bin?x=1"),
				Map.of("Authorization", "Bearer origin-secret", "Connection", "close", "Host", "elsewhere.example"));
		int piece = 512 * 1024;
		for (int n = 0; n < 4; n++) {
			byte[] got = readAll(client.rangeBody(target, (long) n * piece, (long) (n + 1) * piece - 1).block());
			assertThat(got).isEqualTo(Arrays.copyOfRange(content, n * piece, (n + 1) * piece));
		}
		assertThat(opened).as("connections the origin accepted").hasValue(1);
		String host = "host=127.0.0.1:" + server.port();
		assertThat(seen).containsExactly("bytes=0-524287 auth=Bearer origin-secret " + host + " connection=null",
				"bytes=524288-1048575 auth=Bearer origin-secret " + host + " connection=null",
				"bytes=1048576-1572863 auth=Bearer origin-secret " + host + " connection=null",
				"bytes=1572864-2097151 auth=Bearer origin-secret " + host + " connection=null");
	}

	@Test
	void aRangeIgnoredIsSaidSoAndItsConnectionIsNotKept() throws Exception {
		RawHttpServer origin = raw("HTTP/1.1 200 OK\r\nContent-Length: 100000\r\n\r\n", 100_000);
		OriginClient client = client(LOOPBACK_ALLOWED, Duration.ofSeconds(5));
		assertThat(catchRead(client.rangeBody(target(origin), 0, 99).block())).isInstanceOf(RangeIgnoredException.class)
			.hasMessageContaining("answered 200 to a Range request");
		assertThat(kept.idleCount()).as("the 200's body was not read, so its connection was closed").isZero();
	}

	@Test
	void errorAnswersAreTheReactiveClientsErrorsWithStatusAndBody() throws Exception {
		String problem = "{\"title\":\"Not Found\",\"detail\":\"no such file\"}";
		RawHttpServer missing = raw("HTTP/1.1 404 Not Found\r\nContent-Type: application/json\r\nContent-Length: "
				+ problem.length() + "\r\n\r\n" + problem, 0);
		RawHttpServer busy = raw("HTTP/1.1 503 Service Unavailable\r\nContent-Length: 0\r\n\r\n", 0);
		OriginClient client = client(LOOPBACK_ALLOWED, Duration.ofSeconds(5));

		Throwable notFound = catchRead(client.rangeBody(target(missing), 0, 99).block());
		assertThat(kept.idleCount()).as("the 404 was read to its end: its connection is kept").isOne();
		assertThat(notFound).isInstanceOf(WebClientResponseException.NotFound.class);
		assertThat(((WebClientResponseException) notFound).getResponseBodyAsString()).isEqualTo(problem);
		assertThat(OriginClient.statusOf(notFound)).isEqualTo(404);
		assertThat(OriginFetcher.retryable(notFound)).as("a 404 is about our request: not retried").isFalse();
		assertThat(OriginFetcher.ignoredByBreaker(notFound)).isTrue();

		Throwable unavailable = catchRead(client.rangeBody(target(busy), 0, 99).block());
		assertThat(OriginClient.statusOf(unavailable)).isEqualTo(503);
		assertThat(OriginFetcher.retryable(unavailable)).as("a 503 is the origin's: retried").isTrue();
		assertThat(OriginFetcher.ignoredByBreaker(unavailable)).isFalse();
	}

	@Test
	void answersTheBlockingClientDoesNotReadGoToTheReactiveOne() throws Exception {
		RawHttpServer redirect = raw("HTTP/1.1 302 Found\r\nLocation: /elsewhere\r\nContent-Length: 0\r\n\r\n", 0);
		RawHttpServer chunked = raw("HTTP/1.1 206 Partial Content\r\nTransfer-Encoding: chunked\r\n\r\n"
				+ "64\r\n" + "x".repeat(100) + "\r\n0\r\n\r\n", 0);
		RawHttpServer gzip = raw("HTTP/1.1 206 Partial Content\r\nContent-Encoding: gzip\r\nContent-Length: 100\r\n\r\n",
				100);
		OriginClient client = client(LOOPBACK_ALLOWED, Duration.ofSeconds(5));
		for (RawHttpServer origin : List.of(redirect, chunked, gzip)) {
			Throwable error = catchRead(client.rangeBody(target(origin), 0, 99).block());
			assertThat(OriginClient.needsReactive(error)).as(String.valueOf(error)).isTrue();
			// Only the first URL's redirect leaves the next pieces to the blocking client, at the URL it led to.
			assertThat(OriginClient.staysReactive(error)).as(String.valueOf(error)).isEqualTo(origin != redirect);
		}
		OriginTarget followed = target(redirect);
		followed.resolvedTo(URI.create(redirect.url() + "/elsewhere"));
		Throwable again = catchRead(client.rangeBody(followed, 0, 99).block());
		assertThat(OriginClient.needsReactive(again)).isTrue();
		assertThat(OriginClient.staysReactive(again)).as("a URL reached by a redirect that redirects again").isTrue();
		OriginTarget switched = target(redirect);
		switched.useReactiveOnly();
		int before = redirect.accepted();
		assertThatThrownBy(() -> client.rangeBody(switched, 0, 99).block())
			.satisfies((ex) -> assertThat(OriginClient.needsReactive(ex.getCause())).isTrue());
		assertThat(redirect.accepted()).as("a fetch switched to the reactive client sends nothing here").isEqualTo(before);
	}

	@Test
	void aRangeOfTheWrongLengthOrPlaceIsAnError() throws Exception {
		RawHttpServer shorter = raw("HTTP/1.1 206 Partial Content\r\nContent-Range: bytes 0-49/1000\r\nContent-Length: 50\r\n\r\n",
				50);
		RawHttpServer misplaced = raw(
				"HTTP/1.1 206 Partial Content\r\nContent-Range: bytes 100-199/1000\r\nContent-Length: 100\r\n\r\n", 100);
		RawHttpServer cut = raw("HTTP/1.1 206 Partial Content\r\nContent-Length: 100\r\n\r\n", 40);
		OriginClient client = client(LOOPBACK_ALLOWED, Duration.ofSeconds(5));
		assertThat(catchRead(client.rangeBody(target(shorter), 0, 99).block())).isInstanceOf(IOException.class)
			.hasMessageContaining("with 50 bytes, expected 100");
		assertThat(catchRead(client.rangeBody(target(misplaced), 0, 99).block())).isInstanceOf(IOException.class)
			.hasMessageContaining("Content-Range 'bytes 100-199/1000'");
		assertThat(catchRead(client.rangeBody(target(cut), 0, 99).block())).isInstanceOf(java.io.EOFException.class)
			.hasMessageContaining("60 of the body's 100 bytes unsent");
	}

	@Test
	void theAddressPolicyRefusesBeforeAnyConnection() throws Exception {
		RawHttpServer origin = raw("HTTP/1.1 206 Partial Content\r\nContent-Length: 100\r\n\r\n", 100);
		OriginClient strict = client(new OriginAddressPolicy(false, false), Duration.ofSeconds(5));
		Throwable byAddress = catchRead(strict.rangeBody(target(origin), 0, 99).block());
		assertThat(OriginAddressRefusedException.isRefusal(byAddress)).as(String.valueOf(byAddress)).isTrue();
		assertThat(byAddress).hasMessageContaining("loopback");
		OriginTarget byName = new OriginTarget(URI.create(origin.url().replace("127.0.0.1", "localhost") + "/f"),
				Map.of());
		assertThat(OriginAddressRefusedException.isRefusal(catchRead(strict.rangeBody(byName, 0, 99).block()))).isTrue();
		OriginTarget metadata = new OriginTarget(URI.create("http://169.254.169.254/latest/meta-data"), Map.of());
		assertThat(catchRead(client(LOOPBACK_ALLOWED, Duration.ofSeconds(5)).rangeBody(metadata, 0, 99).block()))
			.hasMessageContaining("link-local");
		assertThat(OriginFetcher.retryable(byAddress)).isFalse();
		assertThat(origin.accepted()).isZero();
	}

	@Test
	void aHeaderThatWouldSplitTheRequestIsRefusedAndNothingIsSent() throws Exception {
		RawHttpServer origin = raw("HTTP/1.1 206 Partial Content\r\nContent-Length: 100\r\n\r\n", 100);
		OriginTarget injected = new OriginTarget(URI.create(origin.url() + "/f"),
				Map.of("X-Trace", "a\r\nX-Injected: yes"));
		assertThatThrownBy(() -> client(LOOPBACK_ALLOWED, Duration.ofSeconds(5)).rangeBody(injected, 0, 99).block())
			.isInstanceOf(IllegalArgumentException.class).hasMessageContaining("without CR, LF or NUL");
		assertThat(OriginFetcher.retryable(new IllegalArgumentException("x"))).isFalse();
		assertThat(origin.accepted()).isZero();
	}

	@Test
	void anOriginThatStallsEndsTheReadAfterTheTimeout() throws Exception {
		RawHttpServer stalled = new RawHttpServer((in, out) -> {
			out.write("HTTP/1.1 206 Partial Content\r\nContent-Length: 100\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
			out.flush();
			sleep(3000);
		});
		closing.add(stalled);
		long start = System.nanoTime();
		assertThat(catchRead(client(LOOPBACK_ALLOWED, Duration.ofMillis(300)).rangeBody(target(stalled), 0, 99).block()))
			.isInstanceOf(SocketTimeoutException.class);
		assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(2));
	}

	private OriginClient client(OriginAddressPolicy policy, Duration timeout) {
		kept = new KeptConnections(new OriginSockets(policy, Duration.ofSeconds(2)), Duration.ofSeconds(30));
		OriginClient client = new OriginClient(WebClient.create(), new Redirects(Redirects.TargetPolicy.allowAll()),
				kept, timeout);
		closing.add(client);
		return client;
	}

	private static OriginTarget target(RawHttpServer origin) {
		return new OriginTarget(URI.create(origin.url() + "/file.bin"), Map.of());
	}

	/** A raw origin answering every request with {@code head} and then {@code bodyBytes} bytes of 'x'. */
	private RawHttpServer raw(String head, int bodyBytes) throws IOException {
		RawHttpServer server = new RawHttpServer((in, out) -> {
			out.write(head.getBytes(StandardCharsets.ISO_8859_1));
			byte[] body = new byte[bodyBytes];
			Arrays.fill(body, (byte) 'x');
			out.write(body);
		});
		closing.add(server);
		return server;
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
