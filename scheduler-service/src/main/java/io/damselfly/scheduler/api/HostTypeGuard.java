package io.damselfly.scheduler.api;

import io.damselfly.common.error.ProblemTypes;
import io.damselfly.common.host.HostType;
import io.damselfly.service.security.Caller;
import io.damselfly.service.security.Role;
import io.damselfly.service.web.ApiException;
import reactor.core.publisher.Mono;

import org.springframework.http.HttpStatus;

/**
 * A host's type comes from its token, never from its announce (docs/architecture.md#trust-and-security):
 * only a {@code seed} token announces a SEED, the trusted first fetcher; a {@code peer} token only a
 * NORMAL host. Admin may announce either (tests and operators).
 */
final class HostTypeGuard {

	private HostTypeGuard() {
	}

	static Mono<Void> check(HostType announced) {
		return Caller.current().flatMap((caller) -> {
			if (caller.is(Role.ADMIN) || (announced == HostType.SEED && caller.is(Role.SEED))
					|| (announced == HostType.NORMAL && caller.is(Role.PEER))) {
				return Mono.<Void>empty();
			}
			return Mono.<Void>error(new ApiException(HttpStatus.FORBIDDEN, ProblemTypes.FORBIDDEN,
					"a " + String.join(",", caller.roles().stream().map(Role::id).toList())
							+ " token cannot announce a " + announced + " host: the type comes from the token"));
		});
	}

}
