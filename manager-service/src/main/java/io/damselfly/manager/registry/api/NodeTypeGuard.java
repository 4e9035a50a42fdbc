package io.damselfly.manager.registry.api;

import io.damselfly.common.error.ProblemTypes;
import io.damselfly.common.node.NodeType;
import io.damselfly.service.security.Caller;
import io.damselfly.service.security.Role;
import io.damselfly.service.web.ApiException;
import reactor.core.publisher.Mono;

import org.springframework.http.HttpStatus;

/**
 * A node registers only as the kind its token names (docs/architecture.md#trust-and-security): a
 * seed's token cannot register a scheduler, so peers never send their origin credentials to a
 * scheduler someone made up. Admin may register either.
 */
final class NodeTypeGuard {

	private NodeTypeGuard() {
	}

	static Mono<Void> check(NodeType type) {
		return Caller.current().flatMap((caller) -> {
			Role needed = (type == NodeType.SCHEDULER) ? Role.SCHEDULER : Role.SEED;
			if (caller.is(Role.ADMIN) || caller.is(needed)) {
				return Mono.<Void>empty();
			}
			return Mono.<Void>error(new ApiException(HttpStatus.FORBIDDEN, ProblemTypes.FORBIDDEN,
					"a " + String.join(",", caller.roles().stream().map(Role::id).toList()) + " token cannot register a "
							+ type + " node"));
		});
	}

}
