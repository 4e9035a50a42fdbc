package io.damselfly.peer.proxy;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.jspecify.annotations.Nullable;

/**
 * Decides where a proxied request goes (docs/architecture.md#registry-mirror-and-proxy). A {@code /v2/}
 * request is the registry mirror dialect: its upstream comes from the {@code X-Damselfly-Registry} header,
 * else containerd's {@code ?ns=} parameter, else the configured default. An absolute-form request is the
 * forward proxy dialect. A GET goes peer to peer when its path matches a rule or it carries
 * {@code X-Damselfly-Use-P2P: true}; everything else passes through.
 */
public final class ProxyRouter {

	/** Header naming the upstream registry of a mirror request (a full URL). */
	public static final String REGISTRY_HEADER = "X-Damselfly-Registry";

	/** Header asking for P2P delivery of a request no rule matches. */
	public static final String USE_P2P_HEADER = "X-Damselfly-Use-P2P";

	private static final Pattern BLOB_DIGEST = Pattern.compile("/blobs/(sha256:[0-9a-f]{64})$");

	private static final Pattern NS = Pattern.compile("(?:^|&)ns=([^&]*)");

	private static final Pattern HOST = Pattern.compile("[A-Za-z0-9.-]{1,253}(:[0-9]{1,5})?");

	private final List<Pattern> rules;

	private final @Nullable URI defaultUpstream;

	public ProxyRouter(List<Pattern> rules, @Nullable URI defaultUpstream) {
		this.rules = List.copyOf(rules);
		this.defaultUpstream = defaultUpstream;
	}

	/**
	 * Routes a request.
	 * @param method the request method
	 * @param uri the request target as sent (origin-form or absolute-form)
	 * @param registry the {@code X-Damselfly-Registry} header, if any
	 * @param useP2p the {@code X-Damselfly-Use-P2P} header, if any
	 * @throws IllegalArgumentException (a 400) when the request names no usable upstream
	 */
	public Route route(String method, String uri, @Nullable String registry, @Nullable String useP2p) {
		URI target;
		String dialect;
		if (uri.regionMatches(true, 0, "http://", 0, 7) || uri.regionMatches(true, 0, "https://", 0, 8)) {
			target = parse(uri, "request target");
			if (target.getHost() == null) {
				throw new IllegalArgumentException("request target " + uri + " has no host");
			}
			dialect = "forward";
		}
		else if (uri.equals("/v2") || uri.startsWith("/v2/") || uri.startsWith("/v2?")) {
			target = mirrorTarget(uri, registry);
			dialect = "mirror";
		}
		else {
			throw new IllegalArgumentException("'" + abbreviate(uri) + "' is neither a registry request (/v2/...) nor"
					+ " an absolute URL for the forward proxy");
		}
		String path = (target.getRawPath() != null) ? target.getRawPath() : "";
		boolean get = method.equals("GET");
		boolean p2p = get && ("true".equalsIgnoreCase(useP2p) || rules.stream().anyMatch((r) -> r.matcher(path).find()));
		Matcher blob = BLOB_DIGEST.matcher(path);
		return new Route(dialect, target, p2p, blob.find() ? blob.group(1) : null);
	}

	private URI mirrorTarget(String uri, @Nullable String registry) {
		int q = uri.indexOf('?');
		String path = (q >= 0) ? uri.substring(0, q) : uri;
		String query = (q >= 0) ? uri.substring(q + 1) : null;
		URI base;
		if (registry != null && !registry.isBlank()) {
			base = parse(registry.trim(), REGISTRY_HEADER);
			String scheme = (base.getScheme() != null) ? base.getScheme().toLowerCase(Locale.ROOT) : "";
			if (!(scheme.equals("http") || scheme.equals("https")) || base.getHost() == null) {
				throw new IllegalArgumentException(REGISTRY_HEADER + " must be an http(s) URL with a host, got '"
						+ abbreviate(registry) + "'");
			}
		}
		else if (query != null && NS.matcher(query).find()) {
			Matcher ns = NS.matcher(query);
			ns.find();
			base = registryOf(ns.group(1));
		}
		else if (defaultUpstream != null) {
			base = defaultUpstream;
		}
		else {
			throw new IllegalArgumentException("no upstream registry: send " + REGISTRY_HEADER + ", or ?ns=<host>, or"
					+ " configure damselfly.proxy.registry-mirror.upstream");
		}
		String kept = (query != null) ? NS.matcher(query).replaceAll("").replaceFirst("^&", "") : "";
		String prefix = (base.getRawPath() != null) ? base.getRawPath().replaceAll("/+$", "") : "";
		String origin = base.getScheme() + "://" + base.getRawAuthority();
		return parse(origin + prefix + path + (kept.isEmpty() ? "" : "?" + kept), "request target");
	}

	/** containerd's {@code ns}: a registry host, with docker.io at its real API host as containerd and docker expect. */
	static URI registryOf(String ns) {
		if (!HOST.matcher(ns).matches()) {
			throw new IllegalArgumentException("ns must be a registry host[:port], got '" + abbreviate(ns) + "'");
		}
		String host = ns.equalsIgnoreCase("docker.io") ? "registry-1.docker.io" : ns;
		return URI.create("https://" + host);
	}

	private static URI parse(String text, String what) {
		try {
			return new URI(text);
		}
		catch (URISyntaxException ex) {
			throw new IllegalArgumentException(what + " is not a valid URI: " + ex.getMessage());
		}
	}

	private static String abbreviate(String s) {
		return (s.length() > 120) ? s.substring(0, 120) + "..." : s;
	}

}
