package io.damselfly.peer.proxy;

import io.damselfly.peer.download.ByteRange;
import io.netty.buffer.ByteBufUtil;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpUtil;
import io.netty.util.ReferenceCountUtil;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One client connection of the proxy listener: parses each request, routes it, and hands it to the
 * tunnel, the P2P responder or the pass-through. Reads are paused while a request is answered, so
 * requests on a kept-alive connection are answered one after the other.
 */
final class ProxyHandler extends ChannelInboundHandlerAdapter {

	private static final Logger logger = LoggerFactory.getLogger(ProxyHandler.class);

	private final ProxyServer.Parts parts;

	ProxyHandler(ProxyServer.Parts parts) {
		this.parts = parts;
	}

	@Override
	public void channelActive(ChannelHandlerContext ctx) {
		ctx.channel().config().setAutoRead(false);
		ctx.read();
	}

	@Override
	public void channelRead(ChannelHandlerContext ctx, Object msg) {
		if (!(msg instanceof FullHttpRequest request)) {
			ReferenceCountUtil.release(msg);
			return;
		}
		Channel channel = ctx.channel();
		String method = request.method().name();
		String uri = request.uri();
		boolean keepAlive = HttpUtil.isKeepAlive(request);
		PassThrough.Request forwarded;
		try {
			if (!parts.callers().allows(channel.remoteAddress())) {
				// The proxy carries no token: only local callers (damselfly.peer.local-api.allowed-cidrs) may use it.
				logger.warn("Proxy request from {} refused: not in damselfly.peer.local-api.allowed-cidrs {}",
						channel.remoteAddress(), parts.callers());
				ResponseWriter.problem(channel, 403, "this proxy answers local callers only", false);
				return;
			}
			if (request.decoderResult().isFailure()) {
				ResponseWriter.problem(channel, 400, "malformed HTTP request", false);
				return;
			}
			if (request.method().equals(HttpMethod.CONNECT)) {
				connect(ctx, uri);
				return;
			}
			forwarded = new PassThrough.Request(method, java.net.URI.create("http://placeholder"), request.headers().copy(),
					ByteBufUtil.getBytes(request.content()));
		}
		finally {
			request.release();
		}
		Route route;
		try {
			route = parts.router().route(method, uri, forwarded.headers().get(ProxyRouter.REGISTRY_HEADER),
					forwarded.headers().get(ProxyRouter.USE_P2P_HEADER));
		}
		catch (IllegalArgumentException ex) {
			parts.metrics().request("unknown", "refused", "400");
			ResponseWriter.problem(channel, 400, String.valueOf(ex.getMessage()), keepAlive);
			ctx.read();
			return;
		}
		PassThrough.Request upstream = new PassThrough.Request(method, route.target(), forwarded.headers(),
				forwarded.body());
		String kind = route.p2p() ? "p2p" : "pass-through";
		ResponseWriter.Outcome outcome = (status, error, headSent) -> ended(ctx, route, kind, status, error, headSent,
				keepAlive);
		if (route.p2p()) {
			parts.p2p().answer(channel, route, upstream, keepAlive, outcome);
		}
		else {
			parts.passThrough().forward(channel, upstream, keepAlive, outcome);
		}
	}

	private void connect(ChannelHandlerContext ctx, String uri) {
		Tunnel.Authority target;
		try {
			target = Tunnel.Authority.parse(uri);
		}
		catch (IllegalArgumentException ex) {
			parts.metrics().request("connect", "tunnel", "400");
			ResponseWriter.problem(ctx.channel(), 400, String.valueOf(ex.getMessage()), false);
			return;
		}
		Tunnel.open(ctx, target, parts.connectTimeout(),
				(status) -> parts.metrics().request("connect", "tunnel", String.valueOf(status)));
	}

	private void ended(ChannelHandlerContext ctx, Route route, String kind, int status, @Nullable Throwable error,
			boolean headSent, boolean keepAlive) {
		if (error != null && !headSent) {
			int answered = (error instanceof ByteRange.Unsatisfiable) ? 416 : (status >= 400) ? status : 502;
			parts.metrics().request(route.dialect(), kind, String.valueOf(answered));
			logger.info("Proxy {} {} {} failed before answering: {}", route.dialect(), kind, route.target(),
					error.toString());
			ResponseWriter.problem(ctx.channel(), answered, describe(error), keepAlive);
		}
		else {
			parts.metrics().request(route.dialect(), kind, (error != null) ? "aborted" : String.valueOf(status));
		}
		if (keepAlive && ctx.channel().isActive()) {
			ctx.read();
		}
	}

	private static String describe(Throwable error) {
		String message = error.getMessage();
		return error.getClass().getSimpleName() + ((message != null) ? ": " + message : "");
	}

	@Override
	public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
		logger.debug("Proxy connection from {} failed: {}", ctx.channel().remoteAddress(), cause.toString());
		ctx.close();
	}

}
