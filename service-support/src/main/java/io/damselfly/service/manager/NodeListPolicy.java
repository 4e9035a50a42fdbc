package io.damselfly.service.manager;

import java.time.Duration;

import jakarta.validation.constraints.AssertTrue;
import org.hibernate.validator.constraints.time.DurationMin;

import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * How long a node list read from the manager may be trusted once the manager stops answering: the one
 * staleness policy of every cache of the manager's node list ({@link NodeDirectory}).
 * <ul>
 * <li>younger than {@code staleAfter}: <b>fresh</b>, used as is;</li>
 * <li>older: <b>stale</b>, still used, with one WARN. A short manager outage (a restart, Redis restarting
 * under it) must not take the cluster down with it: every node in the list is still guarded by its
 * caller's circuit breaker and failover, so a node that died meanwhile costs one fast failure, while
 * dropping the list would send every download to the origin, the outcome Damselfly exists to avoid;</li>
 * <li>older than {@code expireAfter}: <b>expired</b>, fail-closed. Nobody has vouched for the list for
 * long enough that it may name nodes the manager has ejected, removed or whose address now belongs to
 * something else; callers fall back to their static configuration, or answer "unavailable" with the
 * reason, rather than route on a guess.</li>
 * </ul>
 *
 * @param staleAfter age after which the list is stale: used, with a warning (default 10 s)
 * @param expireAfter age after which the list is dropped (default 2 min); at least {@code staleAfter}
 */
public record NodeListPolicy(@DefaultValue("10s") @DurationMin(millis = 1) Duration staleAfter,
		@DefaultValue("2m") @DurationMin(millis = 1) Duration expireAfter) {

	/** The defaults. */
	public static final NodeListPolicy DEFAULT = new NodeListPolicy(Duration.ofSeconds(10), Duration.ofMinutes(2));

	/** An expired list must have been stale first. */
	@AssertTrue(message = "expire-after must not be shorter than stale-after")
	public boolean isExpiryAfterStaleness() {
		return staleAfter == null || expireAfter == null || expireAfter.compareTo(staleAfter) >= 0;
	}

	/** How a list of this age is to be treated. */
	public Freshness judge(Duration age) {
		if (age.compareTo(expireAfter) > 0) {
			return Freshness.EXPIRED;
		}
		return (age.compareTo(staleAfter) > 0) ? Freshness.STALE : Freshness.FRESH;
	}

	/** The three ages of a node list. */
	public enum Freshness {

		/** Confirmed by the manager within {@code staleAfter}. */
		FRESH,

		/** Not confirmed for longer than {@code staleAfter}; still used. */
		STALE,

		/** Not confirmed for longer than {@code expireAfter}; not used. */
		EXPIRED;

		/** Whether a list of this age may be used. */
		public boolean usable() {
			return this != EXPIRED;
		}

	}

}
