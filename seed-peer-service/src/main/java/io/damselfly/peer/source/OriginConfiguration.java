package io.damselfly.peer.source;

import java.time.Duration;

import io.damselfly.peer.metrics.PeerMetrics;
import io.damselfly.peer.resilience.BreakerFamily;
import io.damselfly.peer.storage.TaskStore;
import io.damselfly.peer.transfer.BulkTransfer;
import io.damselfly.peer.transfer.KeptConnections;
import io.damselfly.service.lifecycle.PeriodicTask;
import io.damselfly.service.web.WebClients;
import io.github.resilience4j.circuitbreaker.CircuitBreakerRegistry;
import reactor.core.publisher.Mono;
import reactor.netty.http.client.HttpClient;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.web.reactive.function.client.WebClient;

/**
 * Wires back-to-source: the origin client on the bulk-transfer HTTP client, bounded by
 * {@code damselfly.peer.origin-timeout}, the per-origin breakers, and the fetcher.
 */
@Configuration(proxyBeanMethods = false)
public class OriginConfiguration {

	/** How long an origin connection may wait idle for the next Range request before it is closed. */
	private static final Duration IDLE_TIMEOUT = Duration.ofSeconds(30);

	private static final Duration SWEEP_INTERVAL = Duration.ofSeconds(10);

	@Bean
	BreakerFamily originBreakerFamily(OriginProperties properties) {
		return new BreakerFamily(OriginFetcher.BREAKER_CONFIG,
				properties.breaker().toBuilder().ignoreException(OriginFetcher::ignoredByBreaker).build());
	}

	/** Redirect hops of every origin fetch; a {@link Redirects.TargetPolicy} bean checks each target. */
	@Bean
	Redirects originRedirects(org.springframework.beans.factory.ObjectProvider<Redirects.TargetPolicy> policy) {
		return new Redirects(policy.getIfAvailable(Redirects.TargetPolicy::allowAll));
	}

	@Bean
	OriginClient originClient(WebClient.Builder webClientBuilder, OriginProperties properties, Redirects redirects,
			OriginAddressProperties addresses) {
		// Every origin connection, first URL and redirect hops alike, resolves through the address policy, and an
		// https origin's certificate is verified against the JDK's trust store, never the cluster's trust bundle.
		// Range requests for pieces go first over kept-alive blocking connections held to the same two rules.
		HttpClient http = BulkTransfer.httpClient().resolver(new PolicyAddressResolverGroup(addresses.policy()));
		KeptConnections kept = new KeptConnections(new OriginSockets(addresses.policy(), properties.originTimeout()),
				IDLE_TIMEOUT);
		return new OriginClient(WebClients
			.withTimeouts(webClientBuilder, http, properties.originTimeout(),
					properties.originTimeout())
			.codecs((c) -> c.defaultCodecs().maxInMemorySize(BulkTransfer.MAX_IN_MEMORY))
			.build(), redirects, kept, properties.originTimeout());
	}

	@Bean
	PeriodicTask originConnectionSweep(OriginClient client) {
		return PeriodicTask.atFixedRate("idle origin connection sweep", SWEEP_INTERVAL, SWEEP_INTERVAL,
				() -> Mono.fromRunnable(client::sweepIdle));
	}

	@Bean
	OriginFetcher originFetcher(OriginClient client, TaskStore store, CircuitBreakerRegistry breakers,
			OriginProperties properties, PeerMetrics metrics) {
		return new OriginFetcher(client, store, breakers, properties, metrics);
	}

}
