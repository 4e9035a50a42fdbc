package io.damselfly.peer.transfer;

import java.time.Duration;

import io.damselfly.peer.resilience.BreakerFamily;
import io.damselfly.peer.storage.StorageException;
import io.damselfly.service.security.BearerTokenFilter;
import io.damselfly.service.tls.ClusterHttpClients;
import io.damselfly.service.web.WebClients;
import io.github.resilience4j.circuitbreaker.CircuitBreakerRegistry;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.web.reactive.function.client.WebClient;

/**
 * Wires fetching from parents: the piece client on the bulk-transfer HTTP client, the per-host parent
 * breakers (a local disk failure is never the parent's). The download feature builds its
 * {@link ParentFetcher} from them.
 */
@Configuration(proxyBeanMethods = false)
public class TransferConfiguration {

	private static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(2);

	@Bean
	BreakerFamily parentBreakerFamily(TransferProperties properties) {
		return new BreakerFamily(ParentBreakers.BREAKER_CONFIG,
				properties.breaker().toBuilder().ignoreException(StorageException::isLocal).build());
	}

	@Bean
	PieceClient pieceClient(WebClient.Builder webClientBuilder, BearerTokenFilter credentials,
			ClusterHttpClients http) {
		// The piece API answers peers and seeds only; this client never calls an origin, so the token stays inside.
		return new PieceClient(WebClients.withTimeouts(webClientBuilder.clone().filter(credentials),
				http.secure(BulkTransfer.httpClient()), CONNECT_TIMEOUT, null)
			.codecs((c) -> c.defaultCodecs().maxInMemorySize(BulkTransfer.MAX_IN_MEMORY)).build());
	}

	@Bean
	ParentBreakers parentBreakers(CircuitBreakerRegistry registry) {
		return new ParentBreakers(registry);
	}

}
