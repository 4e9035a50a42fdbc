package io.damselfly.peer.source;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.Arrays;
import java.util.List;

import io.netty.resolver.AbstractAddressResolver;
import io.netty.resolver.AddressResolver;
import io.netty.resolver.AddressResolverGroup;
import io.netty.util.concurrent.EventExecutor;
import io.netty.util.concurrent.Promise;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

/**
 * The origin client's resolver: looks names up (off the event loop) and hands the connector only
 * addresses the {@link OriginAddressPolicy} allows. An address that is already an IP literal goes
 * through the same check, so {@code http://169.254.169.254/} is refused before any connection is tried.
 */
final class PolicyAddressResolverGroup extends AddressResolverGroup<InetSocketAddress> {

	private final OriginAddressPolicy policy;

	PolicyAddressResolverGroup(OriginAddressPolicy policy) {
		this.policy = policy;
	}

	@Override
	protected AddressResolver<InetSocketAddress> newResolver(EventExecutor executor) {
		return new AbstractAddressResolver<>(executor, InetSocketAddress.class) {

			@Override
			protected boolean doIsResolved(InetSocketAddress address) {
				// Never "already resolved": a literal address must be checked too.
				return false;
			}

			@Override
			protected void doResolve(InetSocketAddress unresolved, Promise<InetSocketAddress> promise) {
				lookup(unresolved).subscribe((all) -> promise.trySuccess(all.get(0)), promise::tryFailure);
			}

			@Override
			protected void doResolveAll(InetSocketAddress unresolved, Promise<List<InetSocketAddress>> promise) {
				lookup(unresolved).subscribe(promise::trySuccess, promise::tryFailure);
			}
		};
	}

	/** Every allowed address of the host; fails when it has none, saying why the first was refused. */
	private Mono<List<InetSocketAddress>> lookup(InetSocketAddress target) {
		String host = target.getHostString();
		Mono<InetAddress[]> addresses = (target.getAddress() != null) ? Mono.just(new InetAddress[] { target.getAddress() })
				: Mono.fromCallable(() -> InetAddress.getAllByName(host)).subscribeOn(Schedulers.boundedElastic());
		return addresses.handle((all, sink) -> {
			List<InetSocketAddress> allowed = Arrays.stream(all).filter((a) -> policy.refusal(a) == null)
				.map((a) -> new InetSocketAddress(a, target.getPort())).toList();
			if (allowed.isEmpty()) {
				sink.error(new OriginAddressRefusedException(host, String.valueOf(policy.refusal(all[0]))));
			}
			else {
				sink.next(allowed);
			}
		});
	}

}
