package io.damselfly.manager.registry.api;

import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

import io.damselfly.common.node.NodeState;
import io.damselfly.common.node.NodeType;
import io.damselfly.common.id.Ids;
import io.damselfly.manager.registry.state.NodeFilter;
import io.damselfly.service.web.ApiException;
import org.jspecify.annotations.Nullable;

/**
 * Parses the query parameters of {@code GET /api/v1/nodes}. Enum values are parsed here rather than by
 * Spring's converters so a bad one is a 400 naming the parameter and the values it accepts. An absent
 * or blank parameter means "any".
 */
public final class NodeQuery {

	private NodeQuery() {
	}

	/**
	 * @throws ApiException (400) naming the parameter that is wrong
	 */
	public static NodeFilter parse(@Nullable String type, @Nullable String state, @Nullable String cluster) {
		String clusterId = blankToNull(cluster);
		if (clusterId != null) {
			Ids.requireClusterId(clusterId);
		}
		return new NodeFilter(parseEnum("type", type, NodeType.class), parseEnum("state", state, NodeState.class),
				clusterId);
	}

	static <E extends Enum<E>> @Nullable E parseEnum(String parameter, @Nullable String value, Class<E> type) {
		String trimmed = blankToNull(value);
		if (trimmed == null) {
			return null;
		}
		String wanted = trimmed.toUpperCase(Locale.ROOT);
		return Arrays.stream(type.getEnumConstants()).filter((constant) -> constant.name().equals(wanted)).findFirst()
			.orElseThrow(() -> ApiException.badRequest(parameter + " must be one of "
					+ Arrays.stream(type.getEnumConstants()).map(Enum::name).collect(Collectors.joining(", "))
					+ ", got '" + clip(trimmed) + "'"));
	}

	private static @Nullable String blankToNull(@Nullable String value) {
		return (value == null || value.isBlank()) ? null : value.trim();
	}

	private static String clip(String value) {
		return (value.length() <= 80) ? value : value.substring(0, 77) + "...";
	}

}
