package io.damselfly.peer.proxy;

import java.time.Duration;

import io.netty.bootstrap.Bootstrap;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.ChannelOption;
import io.netty.channel.socket.nio.NioSocketChannel;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpVersion;

/**
 * A {@code CONNECT} tunnel: connects to the target, answers 200, then drops HTTP from the client's
 * pipeline and relays bytes both ways untouched (HTTPS stays end to end between client and origin).
 */
final class Tunnel {

	private Tunnel() {
	}

	/** Host and port of a CONNECT target {@code host:port} ({@code [v6]:port} allowed). */
	record Authority(String host, int port) {

		static Authority parse(String text) {
			int colon = text.lastIndexOf(':');
			if (colon <= 0 || colon == text.length() - 1) {
				throw new IllegalArgumentException("CONNECT target must be host:port, got '" + text + "'");
			}
			String host = text.substring(0, colon);
			if (host.startsWith("[") && host.endsWith("]")) {
				host = host.substring(1, host.length() - 1);
			}
			int port;
			try {
				port = Integer.parseInt(text.substring(colon + 1));
			}
			catch (NumberFormatException ex) {
				throw new IllegalArgumentException("CONNECT target port is not a number: '" + text + "'");
			}
			if (port < 1 || port > 65535 || host.isBlank()) {
				throw new IllegalArgumentException("CONNECT target must be host:port with a port in 1-65535");
			}
			return new Authority(host, port);
		}

	}

	/**
	 * Opens the tunnel for the connection of {@code ctx}.
	 * @param opened told the status answered: 200, or 502 when the target cannot be reached
	 */
	static void open(ChannelHandlerContext ctx, Authority target, Duration connectTimeout,
			java.util.function.IntConsumer opened) {
		Channel client = ctx.channel();
		new Bootstrap().group(client.eventLoop())
			.channel(NioSocketChannel.class)
			.option(ChannelOption.CONNECT_TIMEOUT_MILLIS, (int) connectTimeout.toMillis())
			.option(ChannelOption.AUTO_READ, false)
			.handler(new Relay(client))
			.connect(target.host(), target.port())
			.addListener((ChannelFutureListener) (connected) -> {
				if (!connected.isSuccess()) {
					opened.accept(502);
					ResponseWriter.problem(client, 502, "could not connect to " + target.host() + ":" + target.port()
							+ ": " + connected.cause().getMessage(), false);
					return;
				}
				Channel upstream = connected.channel();
				var answer = new DefaultFullHttpResponse(HttpVersion.HTTP_1_1,
						new HttpResponseStatus(200, "Connection Established"), Unpooled.EMPTY_BUFFER);
				client.writeAndFlush(answer).addListener((ChannelFutureListener) (written) -> {
					if (!written.isSuccess()) {
						upstream.close();
						return;
					}
					var pipeline = client.pipeline();
					pipeline.remove(ProxyServer.AGGREGATOR);
					pipeline.remove(ProxyServer.CODEC);
					pipeline.replace(ProxyServer.HANDLER, "relay", new Relay(upstream));
					opened.accept(200);
					upstream.config().setAutoRead(true);
					client.config().setAutoRead(true);
					client.read();
					upstream.read();
				});
			});
	}

	/** Writes what one side reads to the other; when either side closes, the other follows once flushed. */
	static final class Relay extends ChannelInboundHandlerAdapter {

		private final Channel other;

		Relay(Channel other) {
			this.other = other;
		}

		@Override
		public void channelRead(ChannelHandlerContext ctx, Object msg) {
			other.writeAndFlush(msg).addListener((ChannelFutureListener) (f) -> {
				if (!f.isSuccess()) {
					ctx.channel().close();
				}
			});
		}

		@Override
		public void channelInactive(ChannelHandlerContext ctx) {
			if (other.isActive()) {
				other.writeAndFlush(Unpooled.EMPTY_BUFFER).addListener(ChannelFutureListener.CLOSE);
			}
		}

		@Override
		public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
			ctx.close();
		}

	}

}
