package io.damselfly.peer.source;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.SSLSocketFactory;

import io.damselfly.peer.transfer.KeptConnections;
import io.damselfly.peer.transfer.KeptConnections.Address;

/**
 * Sockets to origins for the blocking Range client, held to the same rules as the reactive client's
 * ({@link PolicyAddressResolverGroup}): the name is looked up and only addresses the
 * {@link OriginAddressPolicy} allows are tried, a literal address included, so a refused origin gets
 * no packet; {@code https} origins are verified against the JDK's trust store with the host name
 * checked, never against the cluster's trust bundle.
 */
final class OriginSockets implements KeptConnections.Connector {

	private final OriginAddressPolicy policy;

	private final int timeoutMillis;

	private volatile SSLSocketFactory tls;

	/** @param timeout bound on connecting and on the TLS handshake, each */
	OriginSockets(OriginAddressPolicy policy, Duration timeout) {
		this.policy = policy;
		this.timeoutMillis = Math.toIntExact(Math.max(1, timeout.toMillis()));
	}

	@Override
	public Socket connect(Address address) throws IOException {
		List<InetAddress> allowed = allowed(address.host());
		IOException last = null;
		for (InetAddress candidate : allowed) {
			Socket plain = new Socket();
			try {
				plain.setTcpNoDelay(true);
				try {
					plain.connect(new InetSocketAddress(candidate, address.port()), timeoutMillis);
				}
				catch (SocketTimeoutException ex) {
					throw new IOException("connecting to origin " + candidate.getHostAddress() + ":" + address.port()
							+ " timed out after " + timeoutMillis + " ms", ex);
				}
				return "https".equals(address.scheme()) ? handshake(plain, address) : plain;
			}
			catch (IOException ex) {
				plain.close();
				last = ex;
			}
		}
		throw java.util.Objects.requireNonNull(last);
	}

	/** Every address of the host the policy allows; a refusal when there is none. */
	private List<InetAddress> allowed(String host) throws IOException {
		InetAddress[] all = InetAddress.getAllByName(host);
		List<InetAddress> allowed = new ArrayList<>();
		for (InetAddress a : all) {
			if (policy.refusal(a) == null) {
				allowed.add(a);
			}
		}
		if (allowed.isEmpty()) {
			throw new OriginAddressRefusedException(host, String.valueOf(policy.refusal(all[0])));
		}
		return allowed;
	}

	private Socket handshake(Socket plain, Address address) throws IOException {
		SSLSocket socket = (SSLSocket) factory().createSocket(plain, address.host(), address.port(), true);
		SSLParameters parameters = socket.getSSLParameters();
		parameters.setEndpointIdentificationAlgorithm("HTTPS");
		socket.setSSLParameters(parameters);
		socket.setSoTimeout(timeoutMillis);
		try {
			socket.startHandshake();
		}
		catch (SocketTimeoutException ex) {
			throw new IOException("TLS handshake with origin " + address.hostHeader() + " timed out after "
					+ timeoutMillis + " ms", ex);
		}
		socket.setSoTimeout(0);
		return socket;
	}

	private SSLSocketFactory factory() throws IOException {
		SSLSocketFactory factory = tls;
		if (factory == null) {
			try {
				factory = SSLContext.getDefault().getSocketFactory();
			}
			catch (NoSuchAlgorithmException ex) {
				throw new IOException("the JDK has no default TLS context", ex);
			}
			tls = factory;
		}
		return factory;
	}

}
