package io.damselfly.service.tls;

import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.web.server.Ssl;
import org.springframework.core.env.Environment;

/**
 * The scheme this service serves, and so the one it announces to the manager and the schedulers:
 * {@code https} when Spring Boot's web server serves TLS ({@code server.ssl.bundle} or another
 * {@code server.ssl.*} set, and {@code server.ssl.enabled} not false), else {@code http}.
 */
public final class ServerScheme {

	private ServerScheme() {
	}

	/** Decided as Boot's reactive web server factory decides whether to add TLS. */
	public static String of(Environment environment) {
		Ssl ssl = Binder.get(environment).bind("server.ssl", Ssl.class).orElse(null);
		return Ssl.isEnabled(ssl) ? "https" : "http";
	}

}
