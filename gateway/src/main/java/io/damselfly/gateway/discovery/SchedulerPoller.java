package io.damselfly.gateway.discovery;

import java.time.Duration;

import io.damselfly.common.node.NodeState;
import io.damselfly.common.node.NodeType;
import io.damselfly.service.manager.ManagerClient;
import org.jspecify.annotations.Nullable;
import reactor.core.Disposable;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

import org.springframework.context.SmartLifecycle;

/**
 * Asks the manager for the ACTIVE schedulers of the cluster every {@code refreshInterval} and hands each
 * answer, or each failure, to the {@link SchedulerDirectory}. One call at a time: a slow manager delays
 * the next refresh rather than piling calls up.
 */
public class SchedulerPoller implements SmartLifecycle {

	private final ManagerClient manager;

	private final SchedulerDirectory directory;

	private final Duration interval;

	private volatile @Nullable Disposable loop;

	public SchedulerPoller(ManagerClient manager, SchedulerDirectory directory, Duration interval) {
		this.manager = manager;
		this.directory = directory;
		this.interval = interval;
	}

	/** One refresh; completes empty whatever the outcome, which the directory has recorded. */
	Mono<Void> refresh() {
		return manager.nodes(NodeType.SCHEDULER, NodeState.ACTIVE, directory.clusterId())
			.doOnNext(directory::update)
			.then()
			// Fail-open, bounded: the directory keeps the last list until it is staleAfter old.
			.onErrorResume(Exception.class, (ex) -> {
				directory.refreshFailed(ex);
				return Mono.empty();
			});
	}

	@Override
	public void start() {
		loop = Flux.interval(Duration.ZERO, interval).onBackpressureDrop().concatMap((tick) -> refresh(), 1)
			.subscribe();
	}

	@Override
	public void stop() {
		Disposable current = loop;
		if (current != null) {
			current.dispose();
		}
	}

	@Override
	public boolean isRunning() {
		Disposable current = loop;
		return current != null && !current.isDisposed();
	}

}
