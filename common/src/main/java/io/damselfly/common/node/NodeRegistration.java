package io.damselfly.common.node;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import org.jspecify.annotations.Nullable;

/**
 * What a scheduler or seed peer sends to {@code POST /api/v1/nodes}. Registering again with the same
 * type, host and port is idempotent: it yields the same node id.
 *
 * @param type what the node is
 * @param clusterId the cluster the node belongs to ({@code default} when blank)
 * @param host the address other nodes use to reach it (an IP or a DNS name, no scheme)
 * @param port its HTTP port
 * @param idc the data centre, used for affinity scoring (optional)
 * @param location a location path such as {@code eu|fr|paris}, used for affinity scoring (optional)
 * @param scheme {@code https} when the node serves TLS, else {@code http} (the default, also for a
 * registration that names none, as nodes did before TLS)
 */
public record NodeRegistration(
		@NotNull(message = "type is required (SCHEDULER or SEED_PEER)") NodeType type,
		@Nullable @Pattern(regexp = "[A-Za-z0-9][A-Za-z0-9._-]{0,63}",
				message = "clusterId must be 1-64 characters of [A-Za-z0-9._-]") String clusterId,
		@NotBlank(message = "host is required") @Size(max = 100, message = "host is longer than 100 characters")
		@Pattern(regexp = "[A-Za-z0-9.:\\[\\]-]+", message = "host must be an IP address or a DNS name, without scheme or path") String host,
		@Min(value = 1, message = "port must be between 1 and 65535") @Max(value = 65535,
				message = "port must be between 1 and 65535") int port,
		@Nullable @Size(max = 128, message = "idc is longer than 128 characters") String idc,
		@Nullable @Size(max = 256, message = "location is longer than 256 characters") String location,
		@Nullable @Pattern(regexp = "https?", message = "scheme must be http or https") String scheme) {

	public static final String DEFAULT_CLUSTER = "default";

	public NodeRegistration {
		if (clusterId == null || clusterId.isBlank()) {
			clusterId = DEFAULT_CLUSTER;
		}
		if (scheme == null || scheme.isBlank()) {
			scheme = "http";
		}
	}

	/** A registration of a node that serves plain HTTP. */
	public NodeRegistration(NodeType type, @Nullable String clusterId, String host, int port, @Nullable String idc,
			@Nullable String location) {
		this(type, clusterId, host, port, idc, location, "http");
	}

	/** The node's base URL, {@code scheme://host:port}. */
	public String url() {
		String h = (host.contains(":") && !host.startsWith("[")) ? "[" + host + "]" : host;
		return scheme + "://" + h + ":" + port;
	}

	/** The stable node id: {@code <type>-<host>-<port>} with anything outside [A-Za-z0-9.-] replaced. */
	public String nodeId() {
		String kind = (type == NodeType.SCHEDULER) ? "scheduler" : "seed";
		return (kind + "-" + host + "-" + port).replaceAll("[^A-Za-z0-9.-]", "_");
	}

}
