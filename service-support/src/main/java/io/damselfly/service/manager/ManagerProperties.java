package io.damselfly.service.manager;

import java.net.URI;
import java.time.Duration;
import java.util.List;

import jakarta.validation.Valid;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.NestedConfigurationProperty;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * How a service reaches the managers (docs/architecture.md#past-one-machine), and how long it trusts the
 * node lists they gave it.
 *
 * @param url the manager's base URL when there is one manager (default {@code http://127.0.0.1:8081});
 * ignored when {@code urls} is set
 * @param urls the base URLs of every manager, comma-separated (default none: only {@code url}). Calls go to
 * the manager that answered last and move on to the next one when it cannot be reached, times out or
 * answers 5xx
 * @param timeout per-call timeout, per manager tried (default 2 s); a manager slower than this counts as
 * unreachable
 * @param nodeList the staleness policy of every cached node list ({@code damselfly.manager.node-list.*})
 */
@Validated
@ConfigurationProperties("damselfly.manager")
public record ManagerProperties(@DefaultValue("http://127.0.0.1:8081") URI url, @DefaultValue List<URI> urls,
		@DefaultValue("2s") Duration timeout, @DefaultValue @Valid @NestedConfigurationProperty NodeListPolicy nodeList) {

	/** A manager at {@code url} with the default timeout and staleness policy. */
	public static ManagerProperties at(URI url, Duration timeout) {
		return new ManagerProperties(url, List.of(), timeout, NodeListPolicy.DEFAULT);
	}

	/** The managers to use, in order: {@code urls} when set, else {@code url} alone. */
	public List<URI> endpoints() {
		return (urls == null || urls.isEmpty()) ? List.of(url) : List.copyOf(urls);
	}

}
