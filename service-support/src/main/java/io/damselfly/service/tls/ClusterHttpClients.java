package io.damselfly.service.tls;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;

import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.SSLSocketFactory;

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
 * Blocking clients (the piece transfer path) get their sockets from {@link #connect}, with the same trust
 * and the same host name check.
 * <p>
 * Origins and registries are not nodes: their clients start from {@link HttpClient#create()}, so an
 * origin's certificate is verified against the JDK's trust store, never against the cluster's.
 */
public final class ClusterHttpClients {

	private final @Nullable SslBundle trust;

	private volatile @Nullable SSLSocketFactory sockets;

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

	/**
	 * A connected socket to another node for a blocking client: plain for {@code http}, for {@code https}
	 * a TLS socket whose handshake is done, trusting what {@link #secure} trusts and verifying the host name.
	 * Connecting and the handshake are each bounded by {@code connectTimeout}; a timeout is reported as an
	 * {@link IOException} that says so, never as a {@link SocketTimeoutException}, which readers take as a
	 * stalled peer. The socket has {@code TCP_NODELAY} and no read timeout: the caller sets its own.
	 */
	public Socket connect(String scheme, String host, int port, Duration connectTimeout) throws IOException {
		int timeout = Math.toIntExact(connectTimeout.toMillis());
		Socket plain = new Socket();
		try {
			plain.setTcpNoDelay(true);
			try {
				plain.connect(new InetSocketAddress(host, port), timeout);
			}
			catch (SocketTimeoutException ex) {
				throw new IOException("connecting to " + host + ":" + port + " timed out after " + timeout + " ms", ex);
			}
			if (!"https".equalsIgnoreCase(scheme)) {
				return plain;
			}
			SSLSocket tls = (SSLSocket) socketFactory().createSocket(plain, host, port, true);
			SSLParameters parameters = tls.getSSLParameters();
			parameters.setEndpointIdentificationAlgorithm("HTTPS");
			SslBundle bundle = trust;
			if (bundle != null && bundle.getOptions().getCiphers() != null) {
				parameters.setCipherSuites(bundle.getOptions().getCiphers());
			}
			if (bundle != null && bundle.getOptions().getEnabledProtocols() != null) {
				parameters.setProtocols(bundle.getOptions().getEnabledProtocols());
			}
			tls.setSSLParameters(parameters);
			tls.setSoTimeout(timeout);
			try {
				tls.startHandshake();
			}
			catch (SocketTimeoutException ex) {
				throw new IOException("TLS handshake with " + host + ":" + port + " timed out after " + timeout + " ms",
						ex);
			}
			tls.setSoTimeout(0);
			return tls;
		}
		catch (IOException | RuntimeException ex) {
			plain.close();
			throw ex;
		}
	}

	private SSLSocketFactory socketFactory() throws IOException {
		SSLSocketFactory factory = sockets;
		if (factory == null) {
			SslBundle bundle = trust;
			try {
				factory = (bundle != null) ? bundle.createSslContext().getSocketFactory()
						: SSLContext.getDefault().getSocketFactory();
			}
			catch (NoSuchAlgorithmException ex) {
				throw new IOException("no TLS context: " + ex.getMessage(), ex);
			}
			sockets = factory;
		}
		return factory;
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
