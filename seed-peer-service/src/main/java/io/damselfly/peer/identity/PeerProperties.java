package io.damselfly.peer.identity;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import org.jspecify.annotations.Nullable;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * Who the daemon is. The other settings under {@code damselfly.peer} live beside their features
 * ({@code DownloadProperties}, {@code SchedulerLinkProperties}, {@code OriginProperties}).
 *
 * @param mode {@code seed} or {@code normal} (default); a seed also registers with the manager
 * @param hostId stable host id; default {@code <mode>-<hostname>-<port>} sanitized to the NAME_ID pattern
 * @param hostname the machine name announced to schedulers; default the local host name
 * @param advertiseIp the address other peers use to fetch pieces from this daemon (default 127.0.0.1)
 * @param idc data centre, for affinity scoring (optional)
 * @param location location path such as {@code eu|fr|paris} (optional)
 * @param uploadSlots concurrent piece uploads offered; default 200 normal, 2000 seed (docs/architecture.md#scheduling)
 */
@Validated
@ConfigurationProperties("damselfly.peer")
public record PeerProperties(@DefaultValue("normal") @NotNull PeerMode mode, @Nullable String hostId,
		@Nullable String hostname, @DefaultValue("127.0.0.1") String advertiseIp, @Nullable String idc,
		@Nullable String location, @Nullable @Min(1) @Max(100_000) Integer uploadSlots) {

	/** Upload slots, defaulted by mode. */
	public int effectiveUploadSlots() {
		if (uploadSlots != null) {
			return uploadSlots;
		}
		return (mode == PeerMode.SEED) ? 2000 : 200;
	}

}
