package io.damselfly.scheduler.host;

import java.util.ArrayList;
import java.util.List;

import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Mono;

/**
 * Several policies, the worst verdict winning: a hard one (EJECTED or DOWN) over PROBATION over
 * HEALTHY, and among equals the first policy listed. Listing the manager first, then announced health,
 * then the breaker, shows an operator the root cause: a disk-full host whose children also time out is
 * {@code host_down: diskSpace: used 91% > 85%}, not a breaker count. The breaker state is reported
 * whichever verdict wins.
 */
public final class CombinedHostPolicy implements HostEjectionPolicy {

	private final List<HostEjectionPolicy> policies;

	/** Built once: each subscription asks every policy afresh, so no list is built per scheduling round. */
	private final Mono<Void> refresh;

	public CombinedHostPolicy(List<HostEjectionPolicy> policies) {
		this.policies = List.copyOf(policies);
		List<Mono<Void>> refreshes = new ArrayList<>(policies.size());
		for (HostEjectionPolicy policy : this.policies) {
			refreshes.add(Mono.defer(policy::refresh));
		}
		this.refresh = Mono.when(refreshes);
	}

	@Override
	public HostVerdict judge(HostRecord host, HostStats stats, HostBreaker breaker, @Nullable String requesterPeerId) {
		HostVerdict worst = HostVerdict.HEALTHY;
		String breakerState = HostVerdict.NOT_TRACKED;
		for (HostEjectionPolicy policy : policies) {
			HostVerdict verdict = policy.judge(host, stats, breaker, requesterPeerId);
			if (severity(verdict.condition()) > severity(worst.condition())) {
				worst = verdict;
			}
			if (HostVerdict.NOT_TRACKED.equals(breakerState)) {
				breakerState = verdict.breakerState();
			}
		}
		if (worst.breakerState().equals(breakerState)) {
			return worst;
		}
		return new HostVerdict(worst.condition(), worst.reason(), breakerState);
	}

	private static int severity(HostCondition condition) {
		return switch (condition) {
			case HEALTHY -> 0;
			case PROBATION -> 1;
			case DOWN, EJECTED -> 2;
		};
	}

	@Override
	public Mono<Void> refresh() {
		return refresh;
	}

}
