package io.damselfly.service.security;

import org.springframework.security.config.web.server.ServerHttpSecurity;

/**
 * One service's authorization rules: which role may call which of its endpoints. Applied after the
 * open health paths and before the closing "everything else needs a valid token" rule.
 */
@FunctionalInterface
public interface AccessRules {

	void apply(ServerHttpSecurity.AuthorizeExchangeSpec exchanges);

}
