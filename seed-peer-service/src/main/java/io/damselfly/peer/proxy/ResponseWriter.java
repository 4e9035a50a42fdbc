package io.damselfly.peer.proxy;

import java.nio.charset.StandardCharsets;
import java.util.function.Consumer;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFutureListener;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.DefaultHttpContent;
import io.netty.handler.codec.http.DefaultHttpResponse;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaders;
import io.netty.handler.codec.http.HttpResponse;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpUtil;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.handler.codec.http.LastHttpContent;
import org.reactivestreams.Subscription;
import reactor.core.publisher.BaseSubscriber;
import reactor.core.publisher.Flux;

import org.springframework.core.io.buffer.DataBuffer;
import org.springframework.core.io.buffer.DataBufferUtils;
import org.springframework.core.io.buffer.NettyDataBufferFactory;

/**
 * Writes one answer to a proxy connection: the head once the first body buffer is ready (so a P2P answer
 * starts only once its first piece is verified), then the body one buffer at a time, the next requested
 * only when the previous one is written. A body that fails after the head went out closes the
 * connection, so the client sees a broken body and never a complete wrong one.
 */
final class ResponseWriter extends BaseSubscriber<DataBuffer> {

	/** How an answer ended: {@code null} error when the whole body was written. */
	interface Outcome {

		void ended(int status, @org.jspecify.annotations.Nullable Throwable error, boolean headSent);

	}

	private final Channel channel;

	private final HttpResponse head;

	private final boolean keepAlive;

	private final Outcome outcome;

	private final Consumer<HttpHeaders> beforeHead;

	private volatile boolean headSent;

	private ResponseWriter(Channel channel, HttpResponse head, boolean keepAlive, Outcome outcome,
			Consumer<HttpHeaders> beforeHead) {
		this.channel = channel;
		this.head = head;
		this.beforeHead = beforeHead;
		this.keepAlive = keepAlive;
		this.outcome = outcome;
	}

	/**
	 * Streams an answer.
	 * @param headers the head's headers; chunked encoding is used when they carry no Content-Length
	 * @param bodyless true for a HEAD answer or a status without a body (the head only)
	 */
	static void write(Channel channel, int status, HttpHeaders headers, Flux<DataBuffer> body, boolean bodyless,
			boolean keepAlive, Outcome outcome) {
		write(channel, status, headers, body, bodyless, keepAlive, outcome, (h) -> {
		});
	}

	/** As above, with last headers added just before the head goes out (what is known once the body starts). */
	static void write(Channel channel, int status, HttpHeaders headers, Flux<DataBuffer> body, boolean bodyless,
			boolean keepAlive, Outcome outcome, Consumer<HttpHeaders> beforeHead) {
		HttpResponse head = new DefaultHttpResponse(HttpVersion.HTTP_1_1, HttpResponseStatus.valueOf(status), headers);
		if (!bodyless && !headers.contains(HttpHeaderNames.CONTENT_LENGTH)) {
			HttpUtil.setTransferEncodingChunked(head, true);
		}
		HttpUtil.setKeepAlive(head, keepAlive);
		ResponseWriter writer = new ResponseWriter(channel, head, keepAlive, outcome, beforeHead);
		channel.closeFuture().addListener((f) -> writer.dispose());
		(bodyless ? body.doOnNext(DataBufferUtils::release).thenMany(Flux.<DataBuffer>empty()) : body)
			.subscribe(writer);
	}

	/** Writes a whole small answer (an RFC 9457 problem) and ends it. */
	static void problem(Channel channel, int status, String detail, boolean keepAlive) {
		String json = "{\"type\":\"about:blank\",\"title\":\"" + escape(HttpResponseStatus.valueOf(status).reasonPhrase())
				+ "\",\"status\":" + status + ",\"detail\":\"" + escape(detail) + "\"}";
		ByteBuf bytes = Unpooled.copiedBuffer(json, StandardCharsets.UTF_8);
		FullHttpResponse response = new DefaultFullHttpResponse(HttpVersion.HTTP_1_1, HttpResponseStatus.valueOf(status),
				bytes);
		response.headers().set(HttpHeaderNames.CONTENT_TYPE, "application/problem+json");
		response.headers().set(HttpHeaderNames.CONTENT_LENGTH, bytes.readableBytes());
		HttpUtil.setKeepAlive(response, keepAlive);
		var written = channel.writeAndFlush(response);
		if (!keepAlive) {
			written.addListener(ChannelFutureListener.CLOSE);
		}
	}

	private static String escape(String s) {
		StringBuilder out = new StringBuilder();
		for (char c : s.toCharArray()) {
			if (c == '"' || c == '\\') {
				out.append('\\').append(c);
			}
			else if (c < 0x20) {
				out.append(' ');
			}
			else {
				out.append(c);
			}
		}
		return out.toString();
	}

	@Override
	protected void hookOnSubscribe(Subscription subscription) {
		request(1);
	}

	@Override
	protected void hookOnNext(DataBuffer buffer) {
		sendHead();
		ByteBuf bytes = NettyDataBufferFactory.toByteBuf(buffer);
		channel.writeAndFlush(new DefaultHttpContent(bytes)).addListener((f) -> {
			if (f.isSuccess()) {
				request(1);
			}
			else {
				cancel();
				outcome.ended(head.status().code(), f.cause(), true);
			}
		});
	}

	@Override
	protected void hookOnComplete() {
		sendHead();
		channel.writeAndFlush(LastHttpContent.EMPTY_LAST_CONTENT).addListener((f) -> {
			if (!keepAlive || !f.isSuccess()) {
				channel.close();
			}
			outcome.ended(head.status().code(), f.isSuccess() ? null : f.cause(), true);
		});
	}

	@Override
	protected void hookOnError(Throwable error) {
		if (headSent) {
			// Abort: the client must see a broken body, never a complete wrong one.
			channel.close();
		}
		outcome.ended(head.status().code(), error, headSent);
	}

	private void sendHead() {
		if (!headSent) {
			headSent = true;
			beforeHead.accept(head.headers());
			channel.write(head);
		}
	}

}
