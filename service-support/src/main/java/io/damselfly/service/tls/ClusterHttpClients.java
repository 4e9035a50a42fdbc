package io.damselfly.service.tls;

import io.netty.handler.ssl.SslContextBuilder;
import org.jspecify.annotations.Nullable;
import reactor.netty.http.Http11SslContextSpec;
import reactor.netty.http.client.HttpClient;

import org.springframework.boot.ssl.SslBundle;
import org.springframework.boot.ssl.SslOptions;

/**
 * The reactor-netty clients a node calls other Damselfly nodes with (managers, schedulers, seeds and
 * peers): their {@code https://} calls trust the certificate authorities of the SSL bundle named by
 * {@code damselfly.tls.trust-bundle}, and present its key when it holds one; without a bundle they trust
 * the JDK's trust store. Host names are verified either way, and {@code http://} calls stay plain.
 * <p>
 * Origins and registries are not nodes: their clients start from {@link HttpClient#create()}, so an
 * origin's certificate is verified against the JDK's trust store, never against the cluster's.
 */
public final class ClusterHttpClients {

	private final @Nullable SslBundle trust;

	/** @param trust the bundle whose trust store holds the cluster's certificate authorities, or null */
	public ClusterHttpClients(@Nullable SslBundle trust) {
		this.trust = trust;
	}

	/** Clients that trust the JDK's trust store, as when no trust bundle is configured. */
	public static ClusterHttpClients jdkTrust() {
		return new ClusterHttpClients(null);
	}

	/** A new client for calls to other nodes. */
	public HttpClient create() {
		return secure(HttpClient.create());
	}

	/** The same client, its {@code https://} calls trusting the cluster's certificate authorities. */
	public HttpClient secure(HttpClient http) {
		SslBundle bundle = trust;
		if (bundle == null) {
			return http;
		}
		return http.secure((spec) -> spec
			.sslContext(Http11SslContextSpec.forClient().configure((builder) -> configure(builder, bundle))));
	}

	private static void configure(SslContextBuilder builder, SslBundle bundle) {
		builder.trustManager(bundle.getManagers().getTrustManagerFactory());
		if (bundle.getStores().getKeyStore() != null) {
			builder.keyManager(bundle.getManagers().getKeyManagerFactory());
		}
		SslOptions options = bundle.getOptions();
		builder.ciphers(SslOptions.asSet(options.getCiphers())).protocols(options.getEnabledProtocols());
	}

}
