package io.damselfly.scheduler.scheduling;

import java.util.Map;

import io.damselfly.common.cluster.ClusterConfig;
import io.damselfly.scheduler.state.TaskRecord;
import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Mono;

/**
 * What the seeds can do for a task once no parent survived (the ladder's third rung), triggering one
 * when none holds or fetches it. Implemented by the seed package.
 */
@FunctionalInterface
public interface SeedOutlookSource {

	/**
	 * @param round the round that found no parent
	 * @param ranking its filtering outcome
	 * @param task the task as stored (what a triggered seed fetches)
	 * @param config cluster config
	 * @param headers the registration's origin headers, passed to a triggered seed and never stored
	 */
	Mono<SeedOutlook> outlook(Round round, Ranking ranking, TaskRecord task, ClusterConfig config,
			@Nullable Map<String, String> headers);

}
