package io.damselfly.peer.proxy;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.file.Path;
import java.util.Map;

import io.damselfly.peer.support.PeerDaemon;
import io.damselfly.redis.LocalRedisServer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * {@code damselfly.proxy.enabled=false} is decided when the listener would start, not by a bean
 * condition, so it holds when the daemon runs from bean definitions processed ahead of time.
 */
class ProxyOffTests {

	@Test
	void aDaemonWithTheProxyOffListensOnlyOnItsApiPort(@TempDir Path dir) throws Exception {
		int proxyPort = LocalRedisServer.freePort();
		try (PeerDaemon peer = new PeerDaemon("peer-no-proxy", "http://127.0.0.1:" + LocalRedisServer.freePort(), dir,
				Map.of("damselfly.proxy.enabled", "false", "damselfly.proxy.port", Integer.toString(proxyPort)))) {
			assertThat(peer.bean(ProxyServer.class).isRunning()).isFalse();
			assertThatThrownBy(() -> connect(proxyPort)).isInstanceOf(IOException.class);
			peer.client.get().uri("/actuator/health/readiness").exchange().expectStatus().isOk();
		}
	}

	@Test
	void aDaemonWithTheProxyOnListensOnItsProxyPort(@TempDir Path dir) throws Exception {
		int proxyPort = LocalRedisServer.freePort();
		try (PeerDaemon peer = new PeerDaemon("peer-proxy-on", "http://127.0.0.1:" + LocalRedisServer.freePort(), dir,
				Map.of("damselfly.proxy.port", Integer.toString(proxyPort)))) {
			assertThat(peer.bean(ProxyServer.class).isRunning()).isTrue();
			connect(proxyPort);
		}
	}

	private static void connect(int port) throws IOException {
		try (Socket socket = new Socket()) {
			socket.connect(new InetSocketAddress("127.0.0.1", port), 2000);
		}
	}

}
