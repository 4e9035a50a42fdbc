package io.damselfly.peer.identity;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;

/** Wires the daemon's identity; its port is corrected once the web server has bound one. */
@Configuration(proxyBeanMethods = false)
public class IdentityConfiguration {

	@Bean
	PeerIdentity peerIdentity(PeerProperties properties, Environment environment) {
		return new PeerIdentity(properties, environment.getProperty("server.port", Integer.class, 8100));
	}

}
