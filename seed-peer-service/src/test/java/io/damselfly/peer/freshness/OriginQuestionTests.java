package io.damselfly.peer.freshness;

import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

import io.netty.handler.codec.http.HttpResponseStatus;
import io.damselfly.peer.source.OriginClient;
import io.damselfly.peer.source.Redirects;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import reactor.core.publisher.Mono;
import reactor.netty.DisposableServer;
import reactor.netty.http.server.HttpServer;
import reactor.netty.http.server.HttpServerRequest;
import reactor.netty.http.server.HttpServerResponse;
import reactor.test.StepVerifier;

import org.springframework.web.reactive.function.client.WebClient;

import static org.assertj.core.api.Assertions.assertThat;

/** The revalidation request against a real HTTP server that answers as real origins do. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class OriginQuestionTests {

	private static final Duration WAIT = Duration.ofSeconds(10);

	private final List<String> seen = new CopyOnWriteArrayList<>();

	private DisposableServer server;

	private final OriginQuestion question = new OriginQuestion(
			new OriginClient(WebClient.builder().build(), new Redirects(Redirects.TargetPolicy.allowAll())), Duration.ofSeconds(5));

	@BeforeAll
	void start() {
		server = HttpServer.create().host("127.0.0.1").port(0).route((r) -> r.route((req) -> true, this::answer))
			.bindNow();
	}

	@AfterAll
	void stop() {
		server.disposeNow();
	}

	private Mono<Void> answer(HttpServerRequest req, HttpServerResponse res) {
		String method = req.method().name();
		String path = req.uri();
		seen.add(method + " " + path + " " + req.requestHeaders().get("If-None-Match") + " "
				+ req.requestHeaders().get("If-Modified-Since") + " " + req.requestHeaders().get("Range") + " "
				+ req.requestHeaders().get("Authorization"));
		switch (path) {
			case "/etag" -> {
				if ("\"v1\"".equals(req.requestHeaders().get("If-None-Match"))) {
					return res.status(304).header("ETag", "\"v1\"").send();
				}
				return res.header("ETag", "\"v1\"").header("Last-Modified", "Wed, 02 Dec 2026 10:00:00 GMT").send();
			}
			case "/modified" -> {
				if (req.requestHeaders().get("If-Modified-Since") != null) {
					return res.status(304).send();
				}
				return res.header("Last-Modified", "Wed, 02 Dec 2026 10:00:00 GMT").send();
			}
			case "/no-head" -> {
				if (method.equals("HEAD")) {
					return res.status(HttpResponseStatus.METHOD_NOT_ALLOWED).send();
				}
				return res.status(206).header("Content-Range", "bytes 0-0/1234").sendString(Mono.just("x")).then();
			}
			case "/private" -> {
				return res.status(401).header("WWW-Authenticate", "Bearer").send();
			}
			default -> {
				return res.status(503).send();
			}
		}
	}

	private URI url(String path) {
		return URI.create("http://127.0.0.1:" + server.port() + path);
	}

	@Test
	void knownEtagIsAskedWithIfNoneMatchAndNotModifiedMeansSame() {
		StepVerifier.create(question.ask(url("/etag"), Map.of("Authorization", "Bearer t"), "etag:\"v1\""))
			.assertNext((answer) -> assertThat(answer).isInstanceOf(OriginAnswer.Same.class))
			.expectComplete().verify(WAIT);
		assertThat(seen).contains("HEAD /etag \"v1\" null null Bearer t");
	}

	@Test
	void plainHeadGivesTheEtagBeforeLastModified() {
		StepVerifier.create(question.ask(url("/etag"), Map.of(), null))
			.assertNext((answer) -> assertThat(answer).isEqualTo(new OriginAnswer.Current("etag:\"v1\"")))
			.expectComplete().verify(WAIT);
	}

	@Test
	void knownLastModifiedIsAskedWithIfModifiedSince() {
		StepVerifier.create(question.ask(url("/modified"), Map.of(), "last-modified:Wed, 02 Dec 2026 10:00:00 GMT"))
			.assertNext((answer) -> assertThat(answer).isInstanceOf(OriginAnswer.Same.class))
			.expectComplete().verify(WAIT);
		assertThat(seen).contains("HEAD /modified null Wed, 02 Dec 2026 10:00:00 GMT null null");
	}

	@Test
	void originThatRefusesHeadIsAskedWithAOneByteRangedGet() {
		StepVerifier.create(question.ask(url("/no-head"), Map.of(), null))
			.assertNext((answer) -> assertThat(answer).isEqualTo(new OriginAnswer.Current("length:1234")))
			.expectComplete().verify(WAIT);
		assertThat(seen).contains("GET /no-head null null bytes=0-0 null");
	}

	@Test
	void unauthorizedIsARefusalWithTheOriginsStatus() {
		StepVerifier.create(question.ask(url("/private"), Map.of(), "etag:\"v1\""))
			.assertNext((answer) -> assertThat(answer).isInstanceOfSatisfying(OriginAnswer.Refused.class,
					(refused) -> assertThat(refused.status()).isEqualTo(401)))
			.expectComplete().verify(WAIT);
	}

	@Test
	void serverErrorAndClosedPortAreUnreachable() {
		StepVerifier.create(question.ask(url("/broken"), Map.of(), null))
			.assertNext((answer) -> assertThat(answer).isEqualTo(new OriginAnswer.Unreachable("origin answered 503")))
			.expectComplete().verify(WAIT);
		StepVerifier.create(question.ask(URI.create("http://127.0.0.1:1/x"), Map.of(), null))
			.assertNext((answer) -> assertThat(answer).isInstanceOf(OriginAnswer.Unreachable.class))
			.expectComplete().verify(WAIT);
	}

}
