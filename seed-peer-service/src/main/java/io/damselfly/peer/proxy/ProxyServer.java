package io.damselfly.peer.proxy;

import java.net.InetSocketAddress;
import java.time.Duration;

import io.damselfly.peer.security.LocalCallers;
import io.netty.bootstrap.ServerBootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.handler.codec.http.HttpObjectAggregator;
import io.netty.handler.codec.http.HttpServerCodec;
import io.netty.handler.timeout.IdleStateHandler;
import io.netty.util.concurrent.DefaultThreadFactory;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.context.SmartLifecycle;

/**
 * The proxy listener: a Netty HTTP server of its own, because a {@code CONNECT} tunnel has to take the
 * connection over from HTTP, which the WebFlux server does not let a handler do. Started and stopped
 * with the application context, unless {@code damselfly.proxy.enabled=false}.
 */
public class ProxyServer implements SmartLifecycle {

	static final String CODEC = "codec";

	static final String AGGREGATOR = "aggregator";

	static final String HANDLER = "proxy";

	private static final Logger logger = LoggerFactory.getLogger(ProxyServer.class);

	/** What a connection's handler works with. */
	record Parts(ProxyRouter router, PassThrough passThrough, P2pResponder p2p, ProxyMetrics metrics,
			Duration connectTimeout, LocalCallers callers) {
	}

	private final ProxyProperties properties;

	private final Parts parts;

	private volatile EventLoopGroup group;

	private volatile Channel server;

	ProxyServer(ProxyProperties properties, Parts parts) {
		this.properties = properties;
		this.parts = parts;
	}

	@Override
	public void start() {
		if (!properties.enabled()) {
			logger.info("Proxy and registry mirror off (damselfly.proxy.enabled=false)");
			return;
		}
		EventLoopGroup loops = new MultiThreadIoEventLoopGroup(2, new DefaultThreadFactory("damselfly-proxy", true),
				NioIoHandler.newFactory());
		int maxBody = (int) Math.min(Integer.MAX_VALUE, properties.maxRequestBody().toBytes());
		ServerBootstrap bootstrap = new ServerBootstrap().group(loops)
			.channel(NioServerSocketChannel.class)
			.childHandler(new ChannelInitializer<SocketChannel>() {
				@Override
				protected void initChannel(SocketChannel ch) {
					ch.pipeline()
						.addLast("idle", new IdleStateHandler(0, 0, 300))
						.addLast(CODEC, new HttpServerCodec())
						.addLast(AGGREGATOR, new HttpObjectAggregator(maxBody))
						.addLast(HANDLER, new ProxyHandler(parts));
				}
			});
		try {
			server = bootstrap.bind(new InetSocketAddress(properties.address(), properties.port())).sync().channel();
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			loops.shutdownGracefully();
			throw new IllegalStateException("interrupted while binding the proxy listener", ex);
		}
		catch (RuntimeException ex) {
			loops.shutdownGracefully();
			throw new IllegalStateException("could not bind the proxy listener on " + properties.address() + ":"
					+ properties.port() + " (damselfly.proxy.port): " + ex.getMessage(), ex);
		}
		group = loops;
		logger.info("Proxy and registry mirror listening on http://{}:{}", properties.address(), port());
	}

	/** The bound port (the configured one, or the one chosen for port 0). */
	public int port() {
		Channel bound = server;
		return (bound != null) ? ((InetSocketAddress) bound.localAddress()).getPort() : properties.port();
	}

	@Override
	public void stop() {
		Channel bound = server;
		if (bound != null) {
			bound.close().syncUninterruptibly();
			server = null;
		}
		EventLoopGroup loops = group;
		if (loops != null) {
			loops.shutdownGracefully(0, 2, java.util.concurrent.TimeUnit.SECONDS);
			group = null;
		}
	}

	@Override
	public boolean isRunning() {
		return server != null;
	}

}
