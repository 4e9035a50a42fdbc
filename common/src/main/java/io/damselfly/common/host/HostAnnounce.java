package io.damselfly.common.host;

import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.PositiveOrZero;
import jakarta.validation.constraints.Size;
import org.jspecify.annotations.Nullable;

/**
 * What a peer daemon sends to {@code POST /api/v1/hosts} every announce interval. The scheduler keeps
 * it in Redis with a TTL of three intervals, so a silent host disappears by itself.
 *
 * @param hostId stable host id (letters, digits, {@code . _ -})
 * @param hostname the machine's name, for humans
 * @param ip the address other peers use to fetch pieces from it
 * @param port the peer daemon's HTTP port (piece API and local API)
 * @param type seed or normal
 * @param idc data centre (optional)
 * @param location location path such as {@code eu|fr|paris} (optional)
 * @param uploadSlots concurrent uploads it accepts
 * @param uploadsInFlight uploads under way when it announced
 * @param health its health snapshot
 * @param scheme {@code https} when its peer API serves TLS, else {@code http} (the default, also for an
 * announce that names none, as daemons did before TLS)
 */
public record HostAnnounce(
		@NotBlank(message = "hostId is required") @Pattern(regexp = "[A-Za-z0-9][A-Za-z0-9._-]{0,127}",
				message = "hostId must be 1-128 characters of [A-Za-z0-9._-]") String hostId,
		@Nullable @Size(max = 253, message = "hostname is longer than 253 characters") String hostname,
		@NotBlank(message = "ip is required") @Pattern(regexp = "[A-Za-z0-9.:\\[\\]-]{1,253}",
				message = "ip must be an IP address or a DNS name, without scheme or path") String ip,
		@Min(value = 1, message = "port must be between 1 and 65535") @Max(value = 65535,
				message = "port must be between 1 and 65535") int port,
		@NotNull(message = "type is required (SEED or NORMAL)") HostType type,
		@Nullable @Size(max = 128, message = "idc is longer than 128 characters") String idc,
		@Nullable @Size(max = 256, message = "location is longer than 256 characters") String location,
		@Min(value = 0, message = "uploadSlots must be between 0 and 100000") @Max(value = 100000,
				message = "uploadSlots must be between 0 and 100000") int uploadSlots,
		@PositiveOrZero(message = "uploadsInFlight must not be negative") int uploadsInFlight,
		@NotNull(message = "health is required") @Valid HealthSnapshot health,
		@Nullable @Pattern(regexp = "https?", message = "scheme must be http or https") String scheme) {

	public HostAnnounce {
		if (scheme == null || scheme.isBlank()) {
			scheme = "http";
		}
	}

	/** An announce of a host whose peer API serves plain HTTP. */
	public HostAnnounce(String hostId, @Nullable String hostname, String ip, int port, HostType type,
			@Nullable String idc, @Nullable String location, int uploadSlots, int uploadsInFlight,
			HealthSnapshot health) {
		this(hostId, hostname, ip, port, type, idc, location, uploadSlots, uploadsInFlight, health, "http");
	}

	/** Base URL of the host's peer API, {@code scheme://ip:port}. */
	public String url() {
		String h = (ip.contains(":") && !ip.startsWith("[")) ? "[" + ip + "]" : ip;
		return scheme + "://" + h + ":" + port;
	}

}
