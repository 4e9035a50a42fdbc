package io.damselfly.scheduler.host;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.damselfly.common.peer.FailureKind;
import org.jspecify.annotations.Nullable;

/**
 * A host's breaker (docs/architecture.md#failure-detection-and-ejection, "scheduler → hosts") as every scheduler instance shares it through
 * Redis: one string per host, so a round reads it in the same {@code MGET} as the host's announce.
 * <p>
 * Only CLOSED and OPEN are stored. An open breaker whose open duration has passed is HALF_OPEN: the
 * state follows from the time, so no instance has to be awake to write the transition, and all
 * instances agree on it. While open, outcomes are ignored (they are old news about the host). On
 * probation a few children at a time may try the host: {@link #halfOpenSuccesses} good pieces close
 * the breaker, one failure opens it again. Each instance compares {@link #openUntil} with its own
 * clock: skew between instances shifts the start of probation by the skew, nothing worse.
 * <p>
 * Redis applies exactly {@link #apply} ({@code host_outcomes.lua}) and {@link #grant}
 * ({@code host_probation.lua}); this class is their model, tested in plain Java, and how a stored
 * breaker is read.
 *
 * @param tripped whether the stored state is OPEN (open or half-open, depending on the time)
 * @param openedAt when it (last) opened, epoch ms, 0 when closed
 * @param openUntil when probation starts, epoch ms, 0 when closed
 * @param grantedAt when the latest probation grant was handed out, 0 before any
 * @param children the children holding a probation grant
 * @param probeSuccesses good pieces since probation began
 * @param recent the last outcomes, oldest first: {@code S} success, {@code T} timeout, {@code R}
 * refused, {@code D} digest mismatch, {@code I} I/O error; frozen while tripped
 * @param reason why it opened, empty when closed
 */
public record HostBreaker(boolean tripped, long openedAt, long openUntil, long grantedAt, List<String> children,
		int probeSuccesses, String recent, String reason) {

	/** A host nothing (or nothing bad) was reported about. */
	public static final HostBreaker CLOSED = new HostBreaker(false, 0, 0, 0, List.of(), 0, "", "");

	private static final String KINDS = "DTRI";

	/** The state as every instance sees it at one time. */
	public enum State {

		CLOSED, OPEN, HALF_OPEN

	}

	public State state(long now) {
		if (!tripped) {
			return State.CLOSED;
		}
		return (now < openUntil) ? State.OPEN : State.HALF_OPEN;
	}

	/** The children holding a probation grant now: grants lapse {@code timeout} after the latest one. */
	public List<String> childrenTrying(long now, long probationTimeoutMillis) {
		return (grantedAt > 0 && now - grantedAt <= probationTimeoutMillis) ? children : List.of();
	}

	/** The outcome code of a reported failure. */
	public static char code(FailureKind kind) {
		return switch (kind) {
			case TIMEOUT -> 'T';
			case REFUSED -> 'R';
			case DIGEST_MISMATCH -> 'D';
			case IO_ERROR -> 'I';
		};
	}

	/**
	 * Folds one report's outcomes for the host, in order. While closed they go to the window, which is
	 * judged once the whole report is in, so the reason describes the report that tripped it.
	 */
	public Update apply(String outcomes, long now, HostBreakerProperties settings) {
		boolean open = tripped;
		long opened = openedAt;
		long until = openUntil;
		long granted = grantedAt;
		List<String> trying = children;
		int probes = probeSuccesses;
		StringBuilder ring = new StringBuilder(recent);
		String why = reason;
		StringBuilder transitions = new StringBuilder(2);
		long openMillis = settings.openDuration().toMillis();
		for (int i = 0; i < outcomes.length(); i++) {
			char c = outcomes.charAt(i);
			if (!open) {
				ring.append(c);
			}
			else if (now >= until) {
				if (c == 'S') {
					probes++;
					if (probes >= settings.halfOpenSuccesses()) {
						open = false;
						opened = 0;
						until = 0;
						granted = 0;
						trying = List.of();
						probes = 0;
						ring.setLength(0);
						why = "";
						transitions.append('C');
					}
				}
				else {
					opened = now;
					until = now + openMillis;
					granted = 0;
					trying = List.of();
					probes = 0;
					why = "a piece failed on probation (" + kindName(c) + ")";
					transitions.append('R');
				}
			}
		}
		if (!open) {
			if (ring.length() > settings.window()) {
				ring.delete(0, ring.length() - settings.window());
			}
			Counts counts = counts(ring);
			if (counts.digestMismatches >= settings.digestMismatchThreshold() || (ring.length() >= settings.minimumOutcomes()
					&& counts.failures * 100L >= (long) settings.failureRateThreshold() * ring.length())) {
				open = true;
				opened = now;
				until = now + openMillis;
				why = summary(ring);
				transitions.append('O');
			}
		}
		HostBreaker after = new HostBreaker(open, opened, until, granted, trying, probes, ring.toString(), why);
		return new Update(after, transitions.toString());
	}

	/** Hands a probation grant to a child, unless the host is open again or enough children try it. */
	public Grant grant(String peerId, long now, int permits, long probationTimeoutMillis) {
		if (!tripped) {
			return new Grant(true, 0, this);
		}
		if (now < openUntil) {
			return new Grant(false, 0, this);
		}
		List<String> trying = childrenTrying(now, probationTimeoutMillis);
		if (trying.contains(peerId)) {
			return new Grant(true, trying.size(), this);
		}
		if (trying.size() >= permits) {
			return new Grant(false, trying.size(), this);
		}
		List<String> more = new ArrayList<>(trying);
		more.add(peerId);
		return new Grant(true, more.size(),
				new HostBreaker(true, openedAt, openUntil, now, List.copyOf(more), probeSuccesses, recent, reason));
	}

	/** Failures in the window by kind, most frequent first: {@code {digest_mismatch=5, timeout=2}}. */
	public Map<String, Integer> failuresByKind() {
		int[] counts = new int[KINDS.length()];
		for (int i = 0; i < recent.length(); i++) {
			int kind = KINDS.indexOf(recent.charAt(i));
			if (kind >= 0) {
				counts[kind]++;
			}
		}
		Map<String, Integer> byKind = new LinkedHashMap<>();
		// Selection by count, ties in KINDS order: host_outcomes.lua sorts the same way.
		boolean[] taken = new boolean[counts.length];
		for (int round = 0; round < counts.length; round++) {
			int best = -1;
			for (int k = 0; k < counts.length; k++) {
				if (!taken[k] && counts[k] > 0 && (best < 0 || counts[k] > counts[best])) {
					best = k;
				}
			}
			if (best < 0) {
				break;
			}
			taken[best] = true;
			byKind.put(kindName(KINDS.charAt(best)), counts[best]);
		}
		return byKind;
	}

	/** How many of the window's outcomes are failures. */
	public int recentFailures() {
		return counts(recent).failures;
	}

	/** {@code 7 of 10 recent pieces failed (digest_mismatch=5, timeout=2)} */
	static String summary(CharSequence ring) {
		HostBreaker view = new HostBreaker(false, 0, 0, 0, List.of(), 0, ring.toString(), "");
		StringBuilder kinds = new StringBuilder();
		view.failuresByKind().forEach((kind, count) -> {
			if (kinds.length() > 0) {
				kinds.append(", ");
			}
			kinds.append(kind).append('=').append(count);
		});
		return counts(ring).failures + " of " + ring.length() + " recent pieces failed (" + kinds + ")";
	}

	static String kindName(char code) {
		return switch (code) {
			case 'T' -> "timeout";
			case 'R' -> "refused";
			case 'D' -> "digest_mismatch";
			case 'I' -> "io_error";
			default -> "failure";
		};
	}

	private static Counts counts(CharSequence ring) {
		int failures = 0;
		int mismatches = 0;
		for (int i = 0; i < ring.length(); i++) {
			char c = ring.charAt(i);
			if (c != 'S') {
				failures++;
			}
			if (c == 'D') {
				mismatches++;
			}
		}
		return new Counts(failures, mismatches);
	}

	/** The Redis form: {@code state|openedAt|openUntil|grantedAt|children|probeSuccesses|recent|reason}. */
	public String encode() {
		return (tripped ? "O" : "C") + '|' + openedAt + '|' + openUntil + '|' + grantedAt + '|' + String.join(",", children)
				+ '|' + probeSuccesses + '|' + recent + '|' + reason;
	}

	/** Reads the Redis form; anything unreadable is a closed breaker (fail-open: a garbled key must not eject a host). */
	public static HostBreaker parse(@Nullable String encoded) {
		if (encoded == null || encoded.isEmpty()) {
			return CLOSED;
		}
		String[] f = new String[8];
		int start = 0;
		for (int i = 0; i < 7; i++) {
			int bar = encoded.indexOf('|', start);
			if (bar < 0) {
				return CLOSED;
			}
			f[i] = encoded.substring(start, bar);
			start = bar + 1;
		}
		f[7] = encoded.substring(start);
		try {
			List<String> children = f[4].isEmpty() ? List.of() : List.of(f[4].split(","));
			return new HostBreaker("O".equals(f[0]), Long.parseLong(f[1]), Long.parseLong(f[2]), Long.parseLong(f[3]),
					children, Integer.parseInt(f[5]), f[6], f[7]);
		}
		catch (NumberFormatException ex) {
			return CLOSED;
		}
	}

	private record Counts(int failures, int digestMismatches) {
	}

	/**
	 * A report folded into a breaker.
	 *
	 * @param after the breaker afterwards
	 * @param transitions in order: {@code O} opened, {@code R} opened again on probation, {@code C} closed
	 */
	public record Update(HostBreaker after, String transitions) {
	}

	/**
	 * The answer to a probation request.
	 *
	 * @param granted whether the child may use the host
	 * @param children children trying the host, the requester included when granted
	 * @param after the breaker afterwards
	 */
	public record Grant(boolean granted, int children, HostBreaker after) {
	}

}
