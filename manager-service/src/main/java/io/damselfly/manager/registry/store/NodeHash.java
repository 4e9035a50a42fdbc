package io.damselfly.manager.registry.store;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.damselfly.common.node.NodeRegistration;
import io.damselfly.common.node.NodeState;
import io.damselfly.common.node.NodeType;
import io.damselfly.manager.registry.state.NodeRecord;
import org.jspecify.annotations.Nullable;

/**
 * Maps a {@link NodeRecord} to the fields of its Redis hash and back. Hash fields rather than one JSON
 * blob, so the registry and the prober each write only their own fields: the registry the registration
 * and the times, the prober {@code state}, {@code reason} and {@code since}. Instants are ISO-8601
 * strings.
 */
public final class NodeHash {

	public static final String ID = "id";
	public static final String TYPE = "type";
	public static final String CLUSTER_ID = "clusterId";
	public static final String URL = "url";
	public static final String HOST = "host";
	public static final String PORT = "port";
	public static final String IDC = "idc";
	public static final String LOCATION = "location";
	public static final String STATE = "state";
	public static final String REASON = "reason";
	public static final String SINCE = "since";
	public static final String REGISTERED_AT = "registeredAt";
	public static final String LAST_SEEN_AT = "lastSeenAt";
	public static final String EXPIRES_AT = "expiresAt";

	/** Fields without which a hash is not a usable record. */
	static final List<String> REQUIRED = List.of(ID, TYPE, CLUSTER_ID, URL, HOST, PORT, STATE, SINCE, REGISTERED_AT,
			LAST_SEEN_AT, EXPIRES_AT);

	private NodeHash() {
	}

	/**
	 * The fields a registration writes, in order. An absent optional field maps to the empty string,
	 * which the touch script takes as "remove", so a node that drops its idc does not keep the old one.
	 */
	public static Map<String, String> registrationFields(NodeRegistration registration) {
		Map<String, String> fields = new LinkedHashMap<>();
		fields.put(ID, registration.nodeId());
		fields.put(TYPE, registration.type().name());
		fields.put(CLUSTER_ID, registration.clusterId());
		fields.put(URL, registration.url());
		fields.put(HOST, registration.host());
		fields.put(PORT, String.valueOf(registration.port()));
		fields.put(IDC, emptyIfNull(registration.idc()));
		fields.put(LOCATION, emptyIfNull(registration.location()));
		return fields;
	}

	/** The required fields the hash lacks; empty for a complete record. */
	public static List<String> missingFields(Map<String, String> hash) {
		return REQUIRED.stream().filter((field) -> !hash.containsKey(field)).toList();
	}

	/**
	 * Reads a complete hash (see {@link #missingFields}).
	 * @throws IllegalStateException when a field cannot be parsed: the stored data is corrupt
	 */
	public static NodeRecord decode(Map<String, String> hash) {
		try {
			return new NodeRecord(hash.get(ID), NodeType.valueOf(hash.get(TYPE)), hash.get(CLUSTER_ID), hash.get(URL),
					hash.get(HOST), Integer.parseInt(hash.get(PORT)), blankToNull(hash.get(IDC)),
					blankToNull(hash.get(LOCATION)), NodeState.valueOf(hash.get(STATE)), blankToNull(hash.get(REASON)),
					Instant.parse(hash.get(SINCE)), Instant.parse(hash.get(REGISTERED_AT)),
					Instant.parse(hash.get(LAST_SEEN_AT)), Instant.parse(hash.get(EXPIRES_AT)));
		}
		catch (RuntimeException ex) {
			throw new IllegalStateException("corrupt node record " + hash + ": " + ex.getMessage(), ex);
		}
	}

	private static String emptyIfNull(@Nullable String value) {
		return (value != null) ? value : "";
	}

	private static @Nullable String blankToNull(@Nullable String value) {
		return (value == null || value.isBlank()) ? null : value;
	}

}
