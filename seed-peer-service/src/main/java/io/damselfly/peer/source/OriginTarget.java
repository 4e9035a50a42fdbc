package io.damselfly.peer.source;

import java.net.URI;
import java.util.Map;

/**
 * One origin URL and where its redirects last led: later requests of the same fetch (Range requests for
 * pieces) go straight to the final URL, with the credentials only if that URL is on the first origin.
 */
public final class OriginTarget {

	private final URI url;

	private final Map<String, String> headers;

	private volatile URI resolved;

	private volatile boolean reactiveOnly;

	public OriginTarget(URI url, Map<String, String> headers) {
		this.url = url;
		this.headers = Map.copyOf(headers);
		this.resolved = url;
	}

	/** The URL asked for. */
	public URI url() {
		return url;
	}

	/** Where the last request ended after its redirects. */
	public URI resolved() {
		return resolved;
	}

	void resolvedTo(URI target) {
		resolved = target;
	}

	/** Whether this fetch's Range requests skip the blocking client (one of its answers needed the reactive one). */
	boolean reactiveOnly() {
		return reactiveOnly;
	}

	void useReactiveOnly() {
		reactiveOnly = true;
	}

	/** The headers for a request to {@code target}: credentials only on the first origin. */
	Map<String, String> headersFor(URI target) {
		return Redirects.headersFor(url, target, headers);
	}

}
