package io.damselfly.peer.freshness;

import java.time.Duration;
import java.time.Instant;

import io.damselfly.common.id.TaskIds;
import io.damselfly.common.task.UrlGeneration;
import org.jspecify.annotations.Nullable;

/**
 * The decisions of fresh content, without I/O: whether a known generation may be reused without asking
 * the origin, and which generation the origin's answer leads to.
 */
public final class FreshnessDecision {

	private FreshnessDecision() {
	}

	/** The known generation reused without asking the origin, when the policy allows it; else null. */
	public static @Nullable Generation withoutAsking(RevalidatePolicy policy, @Nullable UrlGeneration known,
			Instant now) {
		if (known == null || !policy.reuses(known.validatedAt(), now)) {
			return null;
		}
		String why = (policy.ttl() == RevalidatePolicy.NEVER_TTL) ? "revalidate policy is never"
				: "confirmed with the origin " + Duration.between(known.validatedAt(), now).toSeconds()
						+ " s ago, within revalidate policy " + policy;
		return new Generation(known.taskId(), known.validator(), null, Generation.NOT_CHECKED + ": " + why);
	}

	/**
	 * The generation the origin's answer leads to.
	 * @param baseId the URL's task id
	 * @param known the generation known here or by the schedulers, or null
	 * @param serveStale whether a known generation may be served when the origin is unreachable
	 * @throws OriginRefusedException when the origin refused the request
	 * @throws OriginUnreachableException when it is unreachable and no generation may be served instead
	 */
	public static Generation afterAsking(String baseId, OriginAnswer answer, @Nullable UrlGeneration known,
			boolean serveStale, Duration shareWindow, Instant now) {
		if (answer instanceof OriginAnswer.Same) {
			if (known == null) {
				throw new IllegalStateException("304 Not Modified to an unconditional request");
			}
			return new Generation(known.taskId(), known.validator(), now, Generation.REVALIDATED);
		}
		if (answer instanceof OriginAnswer.Current current) {
			return current(baseId, current.validator(), known, shareWindow, now);
		}
		if (answer instanceof OriginAnswer.Refused refused) {
			throw new OriginRefusedException(refused.status(), refused.reason());
		}
		String reason = ((OriginAnswer.Unreachable) answer).reason();
		if (serveStale && known != null && Validators.servableStale(known.validator())) {
			return new Generation(known.taskId(), known.validator(), null, Generation.STALE + " (" + reason
					+ "); serving the generation confirmed at " + known.validatedAt());
		}
		throw new OriginUnreachableException("origin unreachable during revalidation (" + reason + ") and "
				+ (!serveStale ? "damselfly.origin.serve-stale-when-down is false"
						: (known == null) ? "no generation of this URL is known to serve instead"
								: "the known generation has no validator to serve it stale by"));
	}

	private static Generation current(String baseId, @Nullable String validator, @Nullable UrlGeneration known,
			Duration shareWindow, Instant now) {
		if (validator == null && known != null && known.validator().startsWith(Validators.UNVALIDATED)
				&& !known.validatedAt().plus(shareWindow).isBefore(now)) {
			return new Generation(known.taskId(), known.validator(), null, Generation.NOT_CHECKED
					+ ": the origin gives no validator; sharing the generation started "
					+ Duration.between(known.validatedAt(), now).toMillis() + " ms ago");
		}
		if (validator == null) {
			// The window's slot, not the instant: peers that start at once, before any of them could record
			// a generation, derive the same task instead of one each.
			long slot = Math.max(1, shareWindow.toMillis());
			String unvalidated = Validators.UNVALIDATED + (now.toEpochMilli() / slot) * slot;
			return new Generation(TaskIds.generation(baseId, unvalidated), unvalidated, now,
					"new generation: the origin gives no validator (ETag, Last-Modified, length), so its content"
							+ " cannot be confirmed and is fetched again; set damselfly.origin.revalidate-rules to a TTL or never for it");
		}
		if (known != null && known.validator().equals(validator)) {
			return new Generation(known.taskId(), validator, now, Generation.REVALIDATED);
		}
		return new Generation(TaskIds.generation(baseId, validator), validator, now,
				(known != null) ? Generation.CHANGED : Generation.FIRST);
	}

}
