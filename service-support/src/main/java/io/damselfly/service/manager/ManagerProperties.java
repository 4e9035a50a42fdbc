package io.damselfly.service.manager;

import java.net.URI;
import java.time.Duration;

import jakarta.validation.Valid;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * How a service reaches the manager, and how long it trusts the node lists the manager gave it.
 *
 * @param url the manager's base URL (default {@code http://127.0.0.1:8081})
 * @param timeout per-call timeout (default 2 s); a manager slower than this counts as unreachable
 * @param nodeList the staleness policy of every cached node list ({@code damselfly.manager.node-list.*})
 */
@Validated
@ConfigurationProperties("damselfly.manager")
public record ManagerProperties(@DefaultValue("http://127.0.0.1:8081") URI url,
		@DefaultValue("2s") Duration timeout, @DefaultValue @Valid NodeListPolicy nodeList) {

	/** A manager at {@code url} with the default timeout and staleness policy. */
	public static ManagerProperties at(URI url, Duration timeout) {
		return new ManagerProperties(url, timeout, NodeListPolicy.DEFAULT);
	}

}
