package io.damselfly.scheduler.scheduling;

/**
 * What the seeds can do for a task when no candidate parent survived: the input of the ladder's third
 * rung.
 */
public sealed interface SeedOutlook {

	/** A healthy seed peer holds or fetches the task but was filtered for this requester. */
	record Serving(String seedPeerId, String why) implements SeedOutlook {
	}

	/** A healthy seed was triggered for the task, by this attempt ({@code now}) or an earlier one. */
	record Triggered(String seedNodeId, boolean now) implements SeedOutlook {
	}

	/** No healthy seed can fetch the task. */
	record Unavailable(String why) implements SeedOutlook {
	}

}
