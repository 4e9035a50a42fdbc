package io.damselfly.cli.cluster;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import com.sun.net.httpserver.HttpServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** {@link Readiness#awaitAll} against real HTTP listeners on loopback, standing in for starting nodes. */
class ReadinessTests {

	private final List<HttpServer> servers = new CopyOnWriteArrayList<>();

	private final CountDownLatch release = new CountDownLatch(1);

	@AfterEach
	void stop() {
		release.countDown();
		servers.forEach((s) -> s.stop(0));
	}

	/** A node whose readiness endpoint answers {@code status}, after {@code hold} the first time. */
	private NodeRecord node(String name, int status, CountDownLatch hold) throws IOException {
		HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
		server.setExecutor(java.util.concurrent.Executors.newCachedThreadPool());
		server.createContext("/actuator/health/readiness", (exchange) -> {
			try {
				hold.await(20, TimeUnit.SECONDS);
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
			}
			exchange.sendResponseHeaders(status, -1);
			exchange.close();
		});
		server.start();
		servers.add(server);
		int port = server.getAddress().getPort();
		return new NodeRecord(name, NodeKind.PEER, port, "http://127.0.0.1:" + port, 0, null, List.of("java"),
				"/nonexistent/" + name + ".log")
			.withPid(ProcessHandle.current().pid());
	}

	@Test
	void aNodeThatIsReadyIsReportedWhileAnotherStillHoldsItsFirstAnswer() throws Exception {
		NodeRecord slow = node("slow", 200, release);
		NodeRecord quick = node("quick", 200, new CountDownLatch(0));
		List<String> lines = new CopyOnWriteArrayList<>();
		Thread waiter = new Thread(() -> Readiness.awaitAll(List.of(slow, quick), Duration.ofSeconds(30), lines::add));
		waiter.start();

		long started = System.nanoTime();
		while (lines.isEmpty() && System.nanoTime() - started < TimeUnit.SECONDS.toNanos(10)) {
			Thread.sleep(20);
		}
		// In turn, the poll of "quick" waited behind "slow"'s request until its timeout.
		assertThat(lines).hasSize(1);
		assertThat(lines.get(0)).startsWith("quick").contains("ready");
		assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(2));

		release.countDown();
		waiter.join(10_000);
		assertThat(waiter.isAlive()).isFalse();
		assertThat(lines).hasSize(2);
		assertThat(lines.get(1)).startsWith("slow");
	}

	@Test
	void aNodeNeverReadyIsNamedWhenTheTimeIsUp() throws Exception {
		NodeRecord ready = node("peer-ready", 200, new CountDownLatch(0));
		NodeRecord refusing = node("peer-refusing", 503, new CountDownLatch(0));
		List<String> lines = new CopyOnWriteArrayList<>();

		assertThatThrownBy(() -> Readiness.awaitAll(List.of(ready, refusing), Duration.ofSeconds(2), lines::add))
			.isInstanceOf(IllegalStateException.class)
			.hasMessageContaining("not ready after 2 s: [peer-refusing]");
		assertThat(lines).singleElement().asString().startsWith("peer-ready");
	}

	@Test
	void aNodeWhoseProcessIsGoneFailsTheWaitAtOnce() throws Exception {
		NodeRecord gone = new NodeRecord("peer-gone", NodeKind.PEER, 1, "http://127.0.0.1:1", 0, null,
				List.of("java"), "/nonexistent/peer-gone.log");
		NodeRecord refusing = node("peer-refusing", 503, new CountDownLatch(0));

		long started = System.nanoTime();
		assertThatThrownBy(() -> Readiness.awaitAll(List.of(refusing, gone), Duration.ofSeconds(30), (l) -> {
		})).isInstanceOf(IllegalStateException.class).hasMessageStartingWith("peer-gone exited during startup");
		assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(5));
	}

}
