package io.damselfly.service.security;

import reactor.core.publisher.Mono;

import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.web.reactive.function.client.ClientRequest;
import org.springframework.web.reactive.function.client.ClientResponse;
import org.springframework.web.reactive.function.client.ExchangeFilterFunction;
import org.springframework.web.reactive.function.client.ExchangeFunction;

/**
 * Puts this service's token on a control-plane call. Applied only to the clients of Damselfly's own
 * services (manager, schedulers, seeds, peers' piece API), never to an origin client: the token must
 * not leave the cluster. A request that already carries {@code Authorization} keeps it.
 */
public class BearerTokenFilter implements ExchangeFilterFunction {

	private final TokenSource tokens;

	public BearerTokenFilter(TokenSource tokens) {
		this.tokens = tokens;
	}

	/** Where the tokens come from: for a blocking client that must put the same token on its requests. */
	public TokenSource tokens() {
		return tokens;
	}

	@Override
	public Mono<ClientResponse> filter(ClientRequest request, ExchangeFunction next) {
		if (request.headers().containsHeader(HttpHeaders.AUTHORIZATION)) {
			return next.exchange(request);
		}
		return tokens.token()
			.map((token) -> ClientRequest.from(request).headers((h) -> h.setBearerAuth(token)).build())
			.defaultIfEmpty(request)
			.flatMap(next::exchange)
			.doOnNext((response) -> {
				if (response.statusCode().value() == HttpStatus.UNAUTHORIZED.value()) {
					tokens.invalidate();
				}
			});
	}

}
