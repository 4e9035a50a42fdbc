package io.damselfly.service.manager;

import java.net.URI;
import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * How a service reaches the manager.
 *
 * @param url the manager's base URL (default {@code http://127.0.0.1:8081})
 * @param timeout per-call timeout (default 2 s); a manager slower than this counts as unreachable
 */
@Validated
@ConfigurationProperties("damselfly.manager")
public record ManagerProperties(@DefaultValue("http://127.0.0.1:8081") URI url,
		@DefaultValue("2s") Duration timeout) {
}
