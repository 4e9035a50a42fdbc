package io.damselfly.peer.transfer;

import java.time.Duration;

import io.damselfly.peer.resilience.BreakerFamily;
import io.damselfly.peer.storage.StorageException;
import io.damselfly.service.lifecycle.PeriodicTask;
import io.damselfly.service.security.BearerTokenFilter;
import io.damselfly.service.tls.ClusterHttpClients;
import io.damselfly.service.web.WebClients;
import io.github.resilience4j.circuitbreaker.CircuitBreakerRegistry;
import reactor.core.publisher.Mono;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.web.reactive.function.client.WebClient;

/**
 * Wires fetching from parents: the piece client with its kept-alive parent connections (idle ones swept
 * every 10 s, closed after 30 s idle and at shutdown), the per-host parent breakers (a local disk failure is never the parent's). The download feature builds its
 * {@link ParentFetcher} from them.
 */
@Configuration(proxyBeanMethods = false)
public class TransferConfiguration {

	private static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(2);

	/** How long a connection to a parent may wait for its next piece before it is closed. */
	private static final Duration IDLE_TIMEOUT = Duration.ofSeconds(30);

	private static final Duration SWEEP_INTERVAL = Duration.ofSeconds(10);

	@Bean
	BreakerFamily parentBreakerFamily(TransferProperties properties) {
		return new BreakerFamily(ParentBreakers.BREAKER_CONFIG,
				properties.breaker().toBuilder().ignoreException(StorageException::isLocal).build());
	}

	@Bean
	KeptConnections parentConnections(ClusterHttpClients http) {
		return KeptConnections.toParents(http, CONNECT_TIMEOUT, IDLE_TIMEOUT);
	}

	@Bean
	PeriodicTask parentConnectionSweep(KeptConnections connections) {
		return PeriodicTask.atFixedRate("idle parent connection sweep", SWEEP_INTERVAL, SWEEP_INTERVAL,
				() -> Mono.fromRunnable(connections::sweep));
	}

	@Bean
	PieceClient pieceClient(WebClient.Builder webClientBuilder, BearerTokenFilter credentials,
			ClusterHttpClients http, KeptConnections connections) {
		// The piece API answers peers and seeds only; this client never calls an origin, so the token stays inside.
		return new PieceClient(WebClients.withTimeouts(webClientBuilder.clone().filter(credentials),
				http.create(), CONNECT_TIMEOUT, null)
			.codecs((c) -> c.defaultCodecs().maxInMemorySize(BulkTransfer.MAX_IN_MEMORY)).build(), connections,
				credentials.tokens());
	}

	@Bean
	ParentBreakers parentBreakers(CircuitBreakerRegistry registry) {
		return new ParentBreakers(registry);
	}

}
