package io.damselfly.manager;

import org.springframework.context.annotation.Bean;
import org.springframework.http.client.ReactorResourceFactory;

/**
 * Closing a context that uses Reactor Netty's global resources shuts down the event loops of every
 * other server in this JVM, including the cached test contexts; a manager started with this gets loops
 * of its own, so it can be closed. Deliberately not a {@code @Configuration}, so component scanning never
 * picks it up: import it where needed.
 */
public class OwnNettyResources {

	@Bean
	ReactorResourceFactory reactorResourceFactory() {
		ReactorResourceFactory factory = new ReactorResourceFactory();
		factory.setUseGlobalResources(false);
		return factory;
	}

}
