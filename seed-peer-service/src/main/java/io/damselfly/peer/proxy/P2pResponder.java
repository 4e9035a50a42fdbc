package io.damselfly.peer.proxy;

import java.util.LinkedHashMap;
import java.util.Map;

import io.damselfly.peer.download.ByteRange;
import io.damselfly.peer.download.Download;
import io.damselfly.peer.download.DownloadService;
import io.damselfly.peer.download.TaskFetch;
import io.damselfly.peer.download.TaskLimitException;
import io.damselfly.peer.freshness.OriginRefusedException;
import io.damselfly.peer.source.OriginClient;
import io.damselfly.peer.source.OriginHeaders;
import io.damselfly.peer.source.OriginTarget;
import io.damselfly.peer.storage.TaskSnapshot;
import io.netty.channel.Channel;
import io.netty.handler.codec.http.DefaultHttpHeaders;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaders;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.publisher.Mono;

import org.springframework.core.io.buffer.NettyDataBufferFactory;
import org.springframework.http.HttpMethod;
import org.springframework.web.reactive.function.client.WebClientRequestException;

/**
 * Answers a GET through the P2P network. The upstream is asked first with a HEAD carrying the client's
 * headers: an answer that is not 2xx (a 401 and its {@code WWW-Authenticate}, a 404) goes back to the
 * client as a plain pass-through of its GET, so the runtime sees the registry's own answer. Otherwise the
 * download service starts or joins the task (by digest for a blob) and its verified pieces are streamed
 * in order, the head going out once the first piece is held.
 */
final class P2pResponder {

	private static final Logger logger = LoggerFactory.getLogger(P2pResponder.class);

	private final DownloadService downloads;

	private final OriginClient origin;

	private final PassThrough passThrough;

	P2pResponder(DownloadService downloads, OriginClient origin, PassThrough passThrough) {
		this.downloads = downloads;
		this.origin = origin;
		this.passThrough = passThrough;
	}

	void answer(Channel channel, Route route, PassThrough.Request request, boolean keepAlive,
			ResponseWriter.Outcome outcome) {
		Map<String, String> credentials = credentials(request.headers());
		OriginTarget target = new OriginTarget(route.target(), credentials);
		origin.exchange(HttpMethod.HEAD, target, null,
				(response, url) -> response.releaseBody().thenReturn(response.statusCode().value()))
			.next()
			// Fail-open: an upstream that cannot be reached now does not make digest-verified bytes wrong,
			// and peers may hold them; the download itself decides whether it can complete.
			.onErrorResume(WebClientRequestException.class, (ex) -> {
				logger.info("Upstream {} unreachable for a preflight ({}); trying peers", route.target().getHost(),
						ex.getMessage());
				return Mono.just(200);
			})
			.subscribe((status) -> {
				boolean accepted = status >= 200 && status < 300;
				if (!accepted && status != 405 && status != 501) {
					passThrough.forward(channel, request, keepAlive, outcome);
					return;
				}
				start(channel, route, request, credentials, accepted, keepAlive, outcome);
			}, (error) -> outcome.ended(502, error, false));
	}

	/**
	 * @param accepted the preflight got a 2xx with the client's headers; otherwise (the upstream was
	 * unreachable, or does not answer HEAD) the download service asks again before serving private content
	 */
	private void start(Channel channel, Route route, PassThrough.Request request, Map<String, String> credentials,
			boolean accepted, boolean keepAlive, ResponseWriter.Outcome outcome) {
		Mono<Download> started;
		try {
			started = (route.digest() != null)
					? downloads.startBlob(route.digest(), route.target(), credentials, accepted)
					: downloads.startUrl(route.target(), credentials);
		}
		catch (IllegalArgumentException ex) {
			outcome.ended(400, ex, false);
			return;
		}
		catch (TaskLimitException ex) {
			outcome.ended(503, ex, false);
			return;
		}
		started.flatMap((download) -> downloads.sized(download).map((sized) -> new Started(download, sized)))
			.subscribe((s) -> send(channel, route, request, s.download(), s.sized(), keepAlive, outcome), (error) -> {
				if (error instanceof OriginRefusedException) {
					// The registry refused this client: it gets the registry's own answer, never cached bytes.
					passThrough.forward(channel, request, keepAlive, outcome);
					return;
				}
				outcome.ended((error instanceof IllegalArgumentException) ? 400
						: (error instanceof TaskLimitException) ? 503 : 502, error, false);
			});
	}

	private record Started(Download download, TaskSnapshot sized) {
	}

	private void send(Channel channel, Route route, PassThrough.Request request, Download download,
			TaskSnapshot sized, boolean keepAlive, ResponseWriter.Outcome outcome) {
		long length = sized.contentLength();
		ByteRange range;
		try {
			range = ByteRange.of(request.headers().get(HttpHeaderNames.RANGE), length);
		}
		catch (ByteRange.Unsatisfiable ex) {
			outcome.ended(416, ex, false);
			return;
		}
		HttpHeaders headers = new DefaultHttpHeaders();
		headers.set(HttpHeaderNames.CONTENT_TYPE, "application/octet-stream");
		headers.set(HttpHeaderNames.CONTENT_LENGTH, range.length());
		headers.set(HttpHeaderNames.ACCEPT_RANGES, "bytes");
		headers.set("X-Damselfly-Task-Id", sized.taskId());
		if (route.digest() != null) {
			headers.set("Docker-Content-Digest", route.digest());
			headers.set(HttpHeaderNames.ETAG, "\"" + route.digest() + "\"");
		}
		if (range.partial()) {
			headers.set(HttpHeaderNames.CONTENT_RANGE, range.contentRange(length));
		}
		boolean head = request.method().equals("HEAD");
		var body = downloads.content(download, sized, range, new NettyDataBufferFactory(channel.alloc()));
		ResponseWriter.write(channel, range.partial() ? 206 : 200, headers, body, head, keepAlive, (status, error,
				sent) -> {
			log(route, download, range, error);
			outcome.ended(status, error, sent);
		}, (last) -> provenance(last, download.fetch()));
	}

	/** Where the bytes came from, as far as known when the answer starts. */
	private static void provenance(HttpHeaders headers, TaskFetch fetch) {
		headers.set("X-Damselfly-Bytes-From-Peers", fetch.bytesFromPeers());
		headers.set("X-Damselfly-Bytes-From-Origin", fetch.bytesFromOrigin());
		String reason = fetch.backToSourceReason();
		if (reason != null) {
			headers.set("X-Damselfly-Back-To-Source", sanitize(reason));
		}
	}

	private static void log(Route route, Download download, ByteRange range, @Nullable Throwable error) {
		TaskFetch fetch = download.fetch();
		String what = (route.digest() != null) ? "blob " + route.digest() : route.target().toString();
		if (error == null) {
			logger.info("Proxy served {} (task {}): {} bytes; task from peers {} from origin {}{}", what,
					fetch.taskId(), range.length(), fetch.bytesFromPeers(), fetch.bytesFromOrigin(),
					(fetch.backToSourceReason() != null) ? "; back to source: " + fetch.backToSourceReason() : "");
		}
		else {
			logger.warn("Proxy could not serve {} (task {}): {}", what, fetch.taskId(), error.toString());
		}
	}

	/** The client's credentials for the origin fetch: its Authorization, checked like any origin header. */
	static Map<String, String> credentials(HttpHeaders headers) {
		Map<String, String> out = new LinkedHashMap<>();
		String auth = headers.get(HttpHeaderNames.AUTHORIZATION);
		if (auth != null) {
			out.put("Authorization", auth);
		}
		return OriginHeaders.sanitize(out);
	}

	private static String sanitize(String value) {
		String flat = value.replaceAll("[\\r\\n\\x00-\\x1f]", " ");
		return (flat.length() > 300) ? flat.substring(0, 300) : flat;
	}

}
