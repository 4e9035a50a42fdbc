package io.damselfly.scheduler.api;

import io.damselfly.common.error.ProblemTypes;
import io.damselfly.common.host.HostType;
import io.damselfly.common.id.Ids;
import io.damselfly.service.security.Caller;
import io.damselfly.service.security.Role;
import io.damselfly.service.web.ApiException;
import reactor.core.publisher.Mono;

import org.springframework.http.HttpStatus;

/**
 * What a host's token lets it do here, beyond the role a path rule checks (docs/security.md):
 * <ul>
 * <li>a host's type comes from its token, never from its announce: only a {@code seed} token announces a
 * SEED, the trusted first fetcher; a {@code peer} token only a NORMAL host;</li>
 * <li>a peer's or seed's token names its host id (its subject), and it acts for that host only: it announces,
 * removes and registers under that id, and reports only for its own peers, whose ids are
 * {@code <hostId>-<8 hex>}. Without this, any holder of the peer secret could knock another host's announce
 * out, or report pieces in the name of the peer the scheduler sent to the origin.</li>
 * </ul>
 * An admin token may do all of it (operators and tests). With security off there is no caller, and no check.
 */
final class CallerGuard {

	private CallerGuard() {
	}

	/** An announce of {@code hostId} as a host of type {@code announced}. */
	static Mono<Void> announce(HostType announced, String hostId) {
		return Caller.current().flatMap((caller) -> {
			if (!caller.is(Role.ADMIN) && !((announced == HostType.SEED && caller.is(Role.SEED))
					|| (announced == HostType.NORMAL && caller.is(Role.PEER)))) {
				return Mono.<Void>error(forbidden("a " + roles(caller) + " token cannot announce a " + announced
						+ " host: the type comes from the token"));
			}
			return bound(caller, hostId, "announce host " + hostId);
		});
	}

	/** A call on behalf of host {@code hostId}: removing its announce, registering one of its peers. */
	static Mono<Void> host(String hostId, String action) {
		return Caller.current().flatMap((caller) -> bound(caller, hostId, action));
	}

	/** A call on behalf of peer {@code peerId}: its reports, its reschedule, its leave. */
	static Mono<Void> peer(String peerId, String action) {
		return Caller.current().flatMap((caller) -> {
			if (!actsForHosts(caller) || Ids.isPeerOf(caller.name(), peerId)) {
				return Mono.<Void>empty();
			}
			return Mono.<Void>error(forbidden("a " + roles(caller) + " token for host " + caller.name() + " cannot "
					+ action + ": peer " + peerId + " is not one of that host's (its peer ids are " + caller.name()
					+ "-<8 hex>)"));
		});
	}

	private static Mono<Void> bound(Caller caller, String hostId, String action) {
		if (!actsForHosts(caller) || caller.name().equals(hostId)) {
			return Mono.empty();
		}
		return Mono.error(forbidden("a " + roles(caller) + " token for host " + caller.name() + " cannot " + action
				+ ": a host acts only under the id its token names"));
	}

	/** Peers and seeds act for the host their token names; admin acts for any. */
	private static boolean actsForHosts(Caller caller) {
		return !caller.is(Role.ADMIN) && (caller.is(Role.PEER) || caller.is(Role.SEED));
	}

	private static String roles(Caller caller) {
		return String.join(",", caller.roles().stream().map(Role::id).sorted().toList());
	}

	private static ApiException forbidden(String detail) {
		return new ApiException(HttpStatus.FORBIDDEN, ProblemTypes.FORBIDDEN, detail);
	}

}
