package io.damselfly.service.tls;

import org.junit.jupiter.api.Test;

import org.springframework.mock.env.MockEnvironment;

import static org.assertj.core.api.Assertions.assertThat;

class ServerSchemeTests {

	@Test
	void serviceServesHttpsOnlyWhenServerSslIsSetAndNotTurnedOff() {
		assertThat(ServerScheme.of(new MockEnvironment().withProperty("server.port", "8082"))).isEqualTo("http");
		assertThat(ServerScheme.of(new MockEnvironment().withProperty("server.ssl.bundle", "cluster")))
			.isEqualTo("https");
		assertThat(ServerScheme.of(new MockEnvironment().withProperty("server.ssl.bundle", "cluster")
			.withProperty("server.ssl.enabled", "false"))).isEqualTo("http");
	}

}
