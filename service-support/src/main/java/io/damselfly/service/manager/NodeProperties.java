package io.damselfly.service.manager;

import java.time.Duration;

import io.damselfly.common.node.NodeType;
import org.jspecify.annotations.Nullable;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * How this service registers itself with the manager and keeps alive.
 *
 * @param register whether to register at all (schedulers and seed peers do; normal peers do not)
 * @param type what this node is
 * @param clusterId the cluster it joins (default {@code default})
 * @param advertiseHost the address other nodes use to reach it (default {@code 127.0.0.1})
 * @param advertisePort the port to advertise; 0 means the port the web server actually bound
 * @param idc data centre, for affinity (optional)
 * @param location location path such as {@code eu|fr|paris}, for affinity (optional)
 * @param keepaliveInterval how often to keep alive (default 3 s); the manager's keepalive TTL must be
 * a few times longer
 */
@Validated
@ConfigurationProperties("damselfly.node")
public record NodeProperties(@DefaultValue("false") boolean register, @DefaultValue("SCHEDULER") NodeType type,
		@DefaultValue("default") String clusterId, @DefaultValue("127.0.0.1") String advertiseHost,
		@DefaultValue("0") int advertisePort, @Nullable String idc, @Nullable String location,
		@DefaultValue("3s") Duration keepaliveInterval) {
}
