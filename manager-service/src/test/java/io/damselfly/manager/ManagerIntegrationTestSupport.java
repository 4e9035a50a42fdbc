package io.damselfly.manager;

import java.time.Duration;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;

import io.damselfly.common.node.Node;
import io.damselfly.common.node.NodeRegistration;
import io.damselfly.common.node.NodeType;
import io.damselfly.manager.auth.TokenIssuer;
import io.damselfly.service.security.Role;
import io.damselfly.testsupport.redis.TestRedis;
import org.junit.jupiter.api.BeforeEach;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webtestclient.autoconfigure.AutoConfigureWebTestClient;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.http.HttpHeaders;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.context.TestPropertySource;
import org.springframework.test.web.reactive.server.WebTestClient;

/**
 * A full manager on a random port against the shared real Redis of {@link TestRedis}. Tests share that
 * Redis, so each one works in a cluster of its own ({@link #uniqueCluster()}) and on ports nobody else
 * uses ({@link #uniquePort()}).
 * <p>
 * The active probe is off: these tests register nodes on ports where nothing listens, which a prober
 * would rightly eject. Probe tests turn it on in a context of their own and close it when done, so it
 * never probes the nodes of other tests.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@TestPropertySource(properties = { "damselfly.probe.enabled=false",
		"damselfly.security.metrics-token=" + ManagerIntegrationTestSupport.SCRAPE_TOKEN,
		"damselfly.security.issuer.admin-secret=" + ManagerIntegrationTestSupport.ADMIN_SECRET,
		"damselfly.security.issuer.peer-secret=" + ManagerIntegrationTestSupport.PEER_SECRET })
@AutoConfigureWebTestClient(timeout = "30s")
public abstract class ManagerIntegrationTestSupport {

	protected static final String SCRAPE_TOKEN = "test-scrape-token";

	protected static final String ADMIN_SECRET = "test-admin-secret";

	protected static final String PEER_SECRET = "test-peer-secret";

	private static final AtomicInteger PORTS = new AtomicInteger(10_000);

	@Autowired
	protected WebTestClient web;

	@Autowired
	protected TokenIssuer issuer;

	/** Every call carries an admin token, as an operator's would; ManagerSecurityTests covers the refusals. */
	/** The same client without credentials. */
	protected WebTestClient anonymous;

	@BeforeEach
	void authorize() {
		anonymous = web;
		web = web.mutate().defaultHeader(HttpHeaders.AUTHORIZATION, "Bearer " + token(Role.ADMIN)).build();
	}

	/** A client of a manager started by hand in a test, carrying an admin token its own issuer signed. */
	public static WebTestClient adminClient(ConfigurableApplicationContext context) {
		Integer port = context.getEnvironment().getProperty("local.server.port", Integer.class);
		String token = context.getBean(TokenIssuer.class).issue(Role.ADMIN, "test-admin", Duration.ofMinutes(10)).token();
		return WebTestClient.bindToServer().baseUrl("http://127.0.0.1:" + port).responseTimeout(Duration.ofSeconds(30))
			.defaultHeader(HttpHeaders.AUTHORIZATION, "Bearer " + token)
			.build();
	}

	protected String token(Role role) {
		return issuer.issue(role, "test-" + role.id(), Duration.ofMinutes(10)).token();
	}

	@DynamicPropertySource
	static void redis(DynamicPropertyRegistry registry) {
		TestRedis.register(registry);
	}

	protected static String uniqueCluster() {
		return "t-" + UUID.randomUUID().toString().substring(0, 12);
	}

	/** A port no other test registers, so node ids never collide across tests sharing Redis. */
	protected static int uniquePort() {
		return PORTS.incrementAndGet();
	}

	protected Node register(NodeType type, String cluster, int port) {
		return register(new NodeRegistration(type, cluster, "127.0.0.1", port, null, null));
	}

	protected Node register(NodeRegistration registration) {
		Node node = web.post().uri("/api/v1/nodes").bodyValue(registration).exchange()
			.expectStatus().is2xxSuccessful()
			.expectBody(Node.class).returnResult().getResponseBody();
		if (node == null) {
			throw new AssertionError("registration answered without a body");
		}
		return node;
	}

	protected Node getNode(String id) {
		Node node = web.get().uri("/api/v1/nodes/{id}", id).exchange().expectStatus().isOk().expectBody(Node.class)
			.returnResult().getResponseBody();
		if (node == null) {
			throw new AssertionError("GET node answered without a body");
		}
		return node;
	}

}
