package io.damselfly.scheduler.scheduling;

import io.damselfly.common.schedule.FilterReason;
import io.damselfly.common.schedule.LadderStep;
import org.jspecify.annotations.Nullable;

/**
 * Why a filter rejected a candidate.
 *
 * @param reason the counted reason
 * @param detail what exactly, for the explanation
 * @param admittedAt the relaxation rung that admits the candidate anyway, null when none does
 */
public record Rejection(FilterReason reason, String detail, @Nullable LadderStep admittedAt) {

	public static Rejection hard(FilterReason reason, String detail) {
		return new Rejection(reason, detail, null);
	}

	public static Rejection relaxable(FilterReason reason, String detail, LadderStep admittedAt) {
		return new Rejection(reason, detail, admittedAt);
	}

	public boolean isHard() {
		return admittedAt == null;
	}

}
