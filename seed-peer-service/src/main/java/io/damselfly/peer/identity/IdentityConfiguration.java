package io.damselfly.peer.identity;

import io.damselfly.service.security.TokenSubject;
import io.damselfly.service.tls.ServerScheme;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;

/** Wires the daemon's identity; its port is corrected once the web server has bound one. */
@Configuration(proxyBeanMethods = false)
public class IdentityConfiguration {

	@Bean
	PeerIdentity peerIdentity(PeerProperties properties, Environment environment) {
		return new PeerIdentity(properties, ServerScheme.of(environment),
				environment.getProperty("server.port", Integer.class, 8100));
	}

	/** A seed's or peer's tokens name its host id, so its calls are told apart from other hosts'. */
	@Bean
	TokenSubject peerTokenSubject(PeerIdentity identity) {
		return identity::hostId;
	}

}
