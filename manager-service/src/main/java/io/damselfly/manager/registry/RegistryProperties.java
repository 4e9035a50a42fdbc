package io.damselfly.manager.registry;

import java.time.Duration;

import jakarta.validation.constraints.AssertTrue;
import jakarta.validation.constraints.NotNull;
import org.hibernate.validator.constraints.time.DurationMin;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * How long the registry trusts a node between two keepalives, and how long it remembers a node that
 * has gone quiet.
 *
 * @param keepaliveTtl how long a registration or keepalive keeps a node alive (default 10 s). A node
 * that sends nothing for this long is INACTIVE: Redis expires its alive key, no sweep is involved. Keep
 * it a few times the nodes' {@code damselfly.node.keepalive-interval} (3 s) so one lost keepalive does
 * not drop a node.
 * @param recordTtl how long the record of a node that stopped keeping alive is kept, so it can be
 * listed as INACTIVE and keep its first registration time when it comes back (default 7 days). Each
 * keepalive renews it; after it, the node vanishes from the registry.
 */
@Validated
@ConfigurationProperties("damselfly.registry")
public record RegistryProperties(
		@NotNull @DurationMin(millis = 100, message = "keepalive-ttl must be at least 100ms")
		@DefaultValue("10s") Duration keepaliveTtl,
		@NotNull @DurationMin(minutes = 1, message = "record-ttl must be at least 1 minute")
		@DefaultValue("7d") Duration recordTtl) {

	/** A record that expired before its node's keepalive would list a live node as unknown. */
	@AssertTrue(message = "record-ttl must be longer than keepalive-ttl")
	public boolean isRecordTtlLongerThanKeepaliveTtl() {
		return recordTtl == null || keepaliveTtl == null || recordTtl.compareTo(keepaliveTtl) > 0;
	}

}
