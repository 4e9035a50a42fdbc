package io.damselfly.service.web;

import java.time.Duration;

import io.netty.channel.ChannelOption;
import org.jspecify.annotations.Nullable;
import reactor.netty.http.client.HttpClient;

import org.springframework.http.client.reactive.ReactorClientHttpConnector;
import org.springframework.web.reactive.function.client.WebClient;

/**
 * Builds the services' clients from Boot's {@code WebClient.Builder}, so its codecs, observation and
 * customizers apply, with the timeouts every remote call here needs. The builder is cloned: Boot's is
 * a prototype, but a caller may share one.
 */
public final class WebClients {

	private WebClients() {
	}

	/**
	 * @param http the reactor-netty client to start from (e.g. one tuned for bulk bodies)
	 * @param connectTimeout bound on opening the TCP connection
	 * @param responseTimeout bound on waiting for response headers and between reads, or null for none
	 */
	public static WebClient.Builder withTimeouts(WebClient.Builder builder, HttpClient http, Duration connectTimeout,
			@Nullable Duration responseTimeout) {
		HttpClient timed = http.option(ChannelOption.CONNECT_TIMEOUT_MILLIS,
				(int) Math.min(Integer.MAX_VALUE, connectTimeout.toMillis()));
		if (responseTimeout != null) {
			timed = timed.responseTimeout(responseTimeout);
		}
		return builder.clone().clientConnector(new ReactorClientHttpConnector(timed));
	}

}
