package io.damselfly.peer.freshness;

import java.time.Duration;
import java.time.Instant;
import java.util.Locale;

import org.jspecify.annotations.Nullable;

import org.springframework.boot.convert.DurationStyle;

/**
 * When a known generation of a URL's content is reused without asking the origin: {@code always} ask
 * (the default), {@code never} ask once a generation is known, or a TTL (e.g. {@code 10m}) within which
 * a generation the origin confirmed is reused. The last two are for origins that give no validators, or
 * whose content is known not to change.
 *
 * @param ttl null for {@code always}, {@link #NEVER_TTL} for {@code never}
 */
public record RevalidatePolicy(@Nullable Duration ttl) {

	static final Duration NEVER_TTL = Duration.ofSeconds(Long.MAX_VALUE);

	public static final RevalidatePolicy ALWAYS = new RevalidatePolicy(null);

	/**
	 * Parses {@code always}, {@code never} or a duration ({@code 30s}, {@code PT5M}).
	 * @throws IllegalArgumentException naming what is accepted
	 */
	public static RevalidatePolicy parse(String value) {
		String v = (value != null) ? value.trim().toLowerCase(Locale.ROOT) : "";
		if (v.equals("always")) {
			return ALWAYS;
		}
		if (v.equals("never")) {
			return new RevalidatePolicy(NEVER_TTL);
		}
		try {
			Duration ttl = DurationStyle.detectAndParse(v);
			if (ttl.isNegative()) {
				throw new IllegalArgumentException("negative");
			}
			return new RevalidatePolicy(ttl);
		}
		catch (IllegalArgumentException ex) {
			throw new IllegalArgumentException(
					"damselfly.origin.revalidate must be 'always', 'never' or a duration such as 10m, got '" + value + "'");
		}
	}

	/** Whether a generation the origin confirmed at {@code validatedAt} may be reused at {@code now} without asking. */
	public boolean reuses(Instant validatedAt, Instant now) {
		if (ttl == null) {
			return false;
		}
		return ttl == NEVER_TTL || !validatedAt.plus(ttl).isBefore(now);
	}

	@Override
	public String toString() {
		if (ttl == null || ttl == NEVER_TTL) {
			return (ttl == null) ? "always" : "never";
		}
		long s = ttl.toSeconds();
		if (ttl.toMillis() % 1000 != 0) {
			return ttl.toMillis() + "ms";
		}
		return (s % 3600 == 0 && s > 0) ? s / 3600 + "h" : (s % 60 == 0 && s > 0) ? s / 60 + "m" : s + "s";
	}

}
