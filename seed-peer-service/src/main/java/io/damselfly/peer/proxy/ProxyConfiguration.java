package io.damselfly.peer.proxy;

import io.damselfly.peer.download.DownloadService;
import io.damselfly.peer.security.LocalCallers;
import io.damselfly.peer.source.OriginClient;
import io.micrometer.core.instrument.MeterRegistry;
import io.netty.channel.ChannelOption;
import reactor.netty.http.client.HttpClient;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.client.reactive.ReactorClientHttpConnector;
import org.springframework.web.reactive.function.client.WebClient;

/**
 * Wires the proxy listener (docs/architecture.md#registry-mirror-and-proxy). It listens unless
 * {@code damselfly.proxy.enabled=false}, which {@link ProxyServer} decides when it starts: a bean condition
 * would be fixed at build time, since nodes run from ahead-of-time processed bean definitions.
 */
@Configuration(proxyBeanMethods = false)
public class ProxyConfiguration {

	@Bean
	ProxyMetrics proxyMetrics(MeterRegistry registry) {
		return new ProxyMetrics(registry);
	}

	@Bean
	ProxyServer proxyServer(ProxyProperties properties, DownloadService downloads, OriginClient origin,
			ObjectProvider<WebClient.Builder> builders, ProxyMetrics metrics, LocalCallers callers) {
		// Redirects stay the client's to follow on a pass-through; the body is relayed as the upstream sent it.
		HttpClient http = HttpClient.create()
			.followRedirect(false)
			.compress(false)
			.option(ChannelOption.CONNECT_TIMEOUT_MILLIS, (int) properties.connectTimeout().toMillis())
			.responseTimeout(properties.responseTimeout());
		WebClient web = builders.getIfAvailable(WebClient::builder).clone().clientConnector(new ReactorClientHttpConnector(http)).build();
		PassThrough passThrough = new PassThrough(web);
		ProxyRouter router = new ProxyRouter(properties.compiledRules(), properties.registryMirror().upstream());
		return new ProxyServer(properties, new ProxyServer.Parts(router, passThrough,
				new P2pResponder(downloads, origin, passThrough), metrics, properties.connectTimeout(), callers));
	}

}
