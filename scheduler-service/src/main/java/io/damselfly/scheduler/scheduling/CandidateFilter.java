package io.damselfly.scheduler.scheduling;

import org.jspecify.annotations.Nullable;

/** One rule of docs/architecture.md#scheduling step 2. Pure: it looks only at the candidate and the round. */
@FunctionalInterface
public interface CandidateFilter {

	/** The rejection, or null when the candidate passes. */
	@Nullable Rejection test(Candidate candidate, FilterContext context);

}
