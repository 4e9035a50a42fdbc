package io.damselfly.common.download;

import java.util.Locale;
import java.util.Map;
import java.util.Set;

import org.jspecify.annotations.Nullable;

/**
 * Whether a download request carries credentials for its origin. Content first fetched with credentials
 * is private: every later request for it must be accepted by the origin with its own credentials before
 * it is served (docs/security.md#private-content).
 */
public final class Credentials {

	/** Request headers that identify the caller to an origin. */
	public static final Set<String> HEADERS = Set.of("authorization", "cookie");

	private Credentials() {
	}

	/** True when any of {@link #HEADERS} is present (names compared case-insensitively). */
	public static boolean present(@Nullable Map<String, String> headers) {
		return headers != null
				&& headers.keySet().stream().anyMatch((name) -> HEADERS.contains(name.toLowerCase(Locale.ROOT)));
	}

}
