package io.damselfly.peer.source;

import java.io.UncheckedIOException;
import java.net.URI;
import java.time.Duration;
import java.util.BitSet;
import java.util.Map;

import io.damselfly.common.piece.PieceMath;
import io.damselfly.peer.metrics.PeerMetrics;
import io.damselfly.peer.storage.PieceVerificationException;
import io.damselfly.peer.storage.PieceWritten;
import io.damselfly.peer.storage.StorageException;
import io.damselfly.peer.storage.TaskSnapshot;
import io.damselfly.peer.storage.TaskStore;
import io.github.resilience4j.circuitbreaker.CallNotPermittedException;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.github.resilience4j.circuitbreaker.CircuitBreakerRegistry;
import io.github.resilience4j.reactor.circuitbreaker.operator.CircuitBreakerOperator;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;
import reactor.util.retry.Retry;

import org.springframework.core.io.buffer.DataBuffer;
import org.springframework.core.io.buffer.DataBufferUtils;
import org.springframework.web.reactive.function.client.WebClientResponseException;

/**
 * Back to source. With a known length and {@code Accept-Ranges: bytes}, each missing piece is one
 * Range request, several in flight; otherwise (no ranges, unknown length, or an origin that ignores
 * Range) one stream is cut into pieces as it arrives. Every piece's SHA-256 is computed as it is
 * written and handed to the listener, which reports it so the scheduler records it. Requests follow
 * redirects (the pieces go to where the probe's redirects led), a non-2xx answer is never stored, and
 * requests are guarded by a breaker per origin host and retried with backoff.
 */
public class OriginFetcher {

	private static final Logger logger = LoggerFactory.getLogger(OriginFetcher.class);

	/** Breaker configuration name in the registry for origin breakers. */
	public static final String BREAKER_CONFIG = "origin";

	private final OriginClient client;

	private final TaskStore store;

	private final CircuitBreakerRegistry breakers;

	private final OriginProperties properties;

	private final PeerMetrics metrics;

	/** Told about each piece fetched from the origin. */
	@FunctionalInterface
	public interface Listener {

		void onPiece(PieceWritten piece, long costMillis);

	}

	public OriginFetcher(OriginClient client, TaskStore store, CircuitBreakerRegistry breakers,
			OriginProperties properties, PeerMetrics metrics) {
		this.client = client;
		this.store = store;
		this.breakers = breakers;
		this.properties = properties;
		this.metrics = metrics;
	}

	/** Fetches every piece of the task the store does not hold yet. */
	public Mono<Void> fetch(String taskId, URI url, Map<String, String> headers, Listener listener) {
		CircuitBreaker breaker = breakers.circuitBreaker("origin:" + url.getHost() + ":" + url.getPort(),
				BREAKER_CONFIG);
		OriginTarget target = new OriginTarget(url, headers);
		return guard(client.probe(target), breaker).flatMap((info) -> {
			if (info.contentLength() > 0 && info.acceptsRanges()) {
				logger.info("Back to source for task {}: {} bytes with Range requests from {}", taskId,
						info.contentLength(), url.getHost());
				return ranged(taskId, target, info.contentLength(), breaker, listener)
					.onErrorResume(RangeIgnoredException.class, (ex) -> {
						logger.info("Origin {} ignored Range for task {}: fetching one stream", url.getHost(), taskId);
						return streamed(taskId, target, breaker, listener);
					});
			}
			logger.info("Back to source for task {}: one stream from {} (length {}, ranges {})", taskId,
					url.getHost(), info.contentLength(), info.acceptsRanges());
			return streamed(taskId, target, breaker, listener);
		});
	}

	private Mono<Void> ranged(String taskId, OriginTarget target, long length,
			CircuitBreaker breaker, Listener listener) {
		long pieceSize = pieceSize(taskId, length);
		int count = PieceMath.pieceCount(length, pieceSize);
		return store.setSizes(taskId, length, pieceSize)
			.thenMany(Flux.range(0, count))
			.filter((n) -> !store.snapshot(taskId).orElseThrow().has(n))
			.flatMap((n) -> {
				long from = PieceMath.offset(n, pieceSize);
				long to = from + PieceMath.length(n, length, pieceSize) - 1;
				long start = System.nanoTime();
				// The blocking client first; an answer it does not read (a redirect, no length) is fetched again
				// through the reactive one. The rest of the fetch goes there too, unless the first URL redirected:
				// then the next pieces go on kept-alive connections to where the redirect led.
				Mono<PieceWritten> piece = client.rangeBody(target, from, to)
					.flatMap((body) -> store.writePiece(taskId, n, body, null))
					.onErrorResume(OriginClient::needsReactive, (ex) -> {
						if (OriginClient.staysReactive(ex) && !target.reactiveOnly()) {
							logger.info("Range requests of task {} go through the reactive client: {}", taskId,
									ex.getMessage());
							target.useReactiveOnly();
						}
						return store.writePiece(taskId, n, client.range(target, from, to), null);
					});
				return guard(piece, breaker)
					.doOnNext((written) -> done(listener, written, Duration.ofNanos(System.nanoTime() - start)));
			}, properties.concurrentPieces())
			.then();
	}

	private Mono<Void> streamed(String taskId, OriginTarget target, CircuitBreaker breaker, Listener listener) {
		Mono<Void> once = client.stream(target, (entity) -> {
			long length = OriginClient.lengthOf(entity.getHeaders());
			long pieceSize = pieceSize(taskId, length);
			BitSet held = store.snapshot(taskId).orElseThrow().held();
			StreamCutter cutter = new StreamCutter(store, taskId, pieceSize, length, held,
					(piece, cost) -> done(listener, piece, Duration.ofMillis(cost)));
			return store.setSizes(taskId, length, pieceSize)
				.thenMany(entity.getBody().publishOn(Schedulers.boundedElastic(), TaskStore.BUFFERS_IN_FLIGHT)
					.map(cutter::accept))
				.doOnDiscard(DataBuffer.class, DataBufferUtils::release)
				.then(Mono.fromCallable(cutter::finish).subscribeOn(Schedulers.boundedElastic()))
				.flatMap((total) -> store.setSizes(taskId, total, pieceSize));
		}).onErrorMap(UncheckedIOException.class, UncheckedIOException::getCause);
		return guard(once, breaker);
	}

	private void done(Listener listener, PieceWritten piece, Duration took) {
		metrics.received(true, piece.length());
		metrics.pieceFetch("origin", "ok", took);
		listener.onPiece(piece, took.toMillis());
	}

	private long pieceSize(String taskId, long length) {
		long stored = store.snapshot(taskId).map(TaskSnapshot::pieceSize).orElse(0L);
		return (stored > 0) ? stored : PieceMath.pieceSize(length, properties.minPieceSize().toBytes(),
				properties.maxPieceSize().toBytes());
	}

	private <T> Mono<T> guard(Mono<T> call, CircuitBreaker breaker) {
		return call.transformDeferred(CircuitBreakerOperator.of(breaker))
			.retryWhen(Retry.backoff(properties.originRetries(), Duration.ofMillis(200))
				.filter(OriginFetcher::retryable)
				.doBeforeRetry((signal) -> logger.warn("Origin request failed, retrying ({}): {}",
						signal.totalRetries() + 1, signal.failure().toString()))
				.onRetryExhaustedThrow((spec, signal) -> signal.failure()));
	}

	static boolean retryable(Throwable ex) {
		if (OriginAddressRefusedException.isRefusal(ex) || ex instanceof IllegalArgumentException) {
			return false;
		}
		if (ex instanceof WebClientResponseException response) {
			return response.getStatusCode().is5xxServerError();
		}
		return !(ex instanceof OriginRedirectException || StorageException.isLocal(ex) || ex instanceof RangeIgnoredException
				|| ex instanceof PieceVerificationException || ex instanceof CallNotPermittedException);
	}

	/** A 4xx from the origin is about our request, and a local disk failure is ours: neither trips its breaker. */
	public static boolean ignoredByBreaker(Throwable ex) {
		return (ex instanceof WebClientResponseException r && r.getStatusCode().is4xxClientError())
				|| StorageException.isLocal(ex) || OriginAddressRefusedException.isRefusal(ex);
	}

}
