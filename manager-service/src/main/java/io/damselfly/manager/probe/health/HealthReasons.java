package io.damselfly.manager.probe.health;

import java.net.ConnectException;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

import io.netty.channel.ConnectTimeoutException;
import org.jspecify.annotations.Nullable;
import reactor.netty.http.client.PrematureCloseException;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Turns a readiness answer, or the failure to get one, into a verdict and a reason an operator can act
 * on. A node is ready when it answers 2xx and its body does not say DOWN or OUT_OF_SERVICE (a 2xx without a
 * readable body is ready: that is what the status code means to Kubernetes too).
 * <p>
 * The reason names every component that is not UP as {@code <name>: <why>}, joined with {@code "; "}:
 * <ul>
 * <li>{@code details.reason}, what the peer's {@code diskSpace} and {@code diskIo} indicators write
 * ({@code diskSpace: used 91% of volume >= 85%});</li>
 * <li>else {@code details.error}, what Boot writes for an indicator that threw
 * ({@code redis: RedisConnectionFailureException: Unable to connect});</li>
 * <li>else free space against the threshold for Boot's own {@code diskSpace} indicator;</li>
 * <li>else the component's status ({@code readinessState: OUT_OF_SERVICE}).</li>
 * </ul>
 * Nested components are named {@code parent.child}. Text from the node is stripped of control characters
 * and clipped, since it ends up in logs, Redis and every node listing.
 */
public final class HealthReasons {

	static final int MAX_PART = 200;

	static final int MAX_REASON = 500;

	private static final Set<String> FAILING = Set.of("DOWN", "OUT_OF_SERVICE");

	private static final String UP = "UP";

	private HealthReasons() {
	}

	/** The verdict of a readiness answer with this HTTP status and body. */
	public static ReadinessVerdict verdict(int httpStatus, String body) {
		JsonNode health = parse(body);
		String status = (health != null) ? text(health.path("status")) : null;
		boolean httpReady = httpStatus >= 200 && httpStatus < 300;
		boolean bodyReady = status == null || !FAILING.contains(status.toUpperCase(Locale.ROOT));
		if (httpReady && bodyReady) {
			return ReadinessVerdict.READY;
		}
		String components = (health != null) ? componentReasons(health) : "";
		if (!components.isEmpty()) {
			return ReadinessVerdict.notReady(components);
		}
		if (status != null) {
			return ReadinessVerdict.notReady("readiness " + clean(status, MAX_PART) + " (HTTP " + httpStatus + ")");
		}
		return ReadinessVerdict.notReady("readiness answered HTTP " + httpStatus);
	}

	/** {@code <name>: <why>} for every component of a health body that is not UP, joined with {@code "; "}. */
	public static String componentReasons(JsonNode health) {
		List<String> parts = new ArrayList<>();
		collect(health.path("components"), "", parts);
		return clip(String.join("; ", parts), MAX_REASON);
	}

	/** The reason of a probe that got no answer: refused, timed out, unreachable. */
	public static String transportFailure(Throwable failure, Duration timeout) {
		for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
			if (cause instanceof ConnectTimeoutException) {
				return timedOut(timeout);
			}
			if (cause instanceof ConnectException) {
				String message = String.valueOf(cause.getMessage());
				return message.toLowerCase(Locale.ROOT).contains("refused") ? "probe failed: connection refused"
						: "probe failed: cannot connect (" + clean(message, MAX_PART) + ")";
			}
			if (cause instanceof UnknownHostException) {
				return "probe failed: unknown host " + clean(String.valueOf(cause.getMessage()), MAX_PART);
			}
			if (cause instanceof PrematureCloseException) {
				return "probe failed: connection closed before the answer";
			}
			if (cause.getCause() == null || cause.getCause() == cause) {
				return "probe failed: " + cause.getClass().getSimpleName() + ": "
						+ clean(String.valueOf(cause.getMessage()), MAX_PART);
			}
		}
		return "probe failed";
	}

	public static String timedOut(Duration timeout) {
		return "probe timed out after " + format(timeout);
	}

	/** {@code 1s}, {@code 1.5s}, {@code 150ms}. */
	public static String format(Duration duration) {
		long millis = duration.toMillis();
		if (millis < 1000) {
			return millis + "ms";
		}
		if (millis % 1000 == 0) {
			return (millis / 1000) + "s";
		}
		return String.format(Locale.ROOT, "%.1fs", millis / 1000.0);
	}

	private static void collect(JsonNode components, String prefix, List<String> parts) {
		if (!components.isObject()) {
			return;
		}
		for (Map.Entry<String, JsonNode> entry : components.properties()) {
			String name = prefix + clean(entry.getKey(), 64);
			JsonNode component = entry.getValue();
			if (component.path("components").isObject()) {
				collect(component.path("components"), name + ".", parts);
				continue;
			}
			String status = text(component.path("status"));
			if (status != null && !UP.equalsIgnoreCase(status)) {
				parts.add(name + ": " + why(component, status));
			}
		}
	}

	private static String why(JsonNode component, String status) {
		JsonNode details = component.path("details");
		for (String key : List.of("reason", "error")) {
			String value = text(details.path(key));
			if (value != null && !value.isBlank()) {
				return clean(value, MAX_PART);
			}
		}
		if (details.path("free").isNumber() && details.path("threshold").isNumber()) {
			return "free " + mebibytes(details.path("free").asLong()) + " below threshold "
					+ mebibytes(details.path("threshold").asLong());
		}
		return clean(status, MAX_PART);
	}

	private static String mebibytes(long bytes) {
		return (bytes / (1024 * 1024)) + " MiB";
	}

	private static @Nullable String text(JsonNode node) {
		return (node.isString() || node.isNumber() || node.isBoolean()) ? node.asString() : null;
	}

	private static @Nullable JsonNode parse(String body) {
		if (body.isBlank()) {
			return null;
		}
		try {
			JsonNode tree = JsonMapper.shared().readTree(body);
			return (tree != null && tree.isObject()) ? tree : null;
		}
		catch (JacksonException ex) {
			// Not a failure in itself: an unreadable body leaves the verdict to the HTTP status.
			return null;
		}
	}

	private static String clean(String value, int max) {
		return clip(value.replaceAll("\\p{Cntrl}+", " ").strip(), max);
	}

	private static String clip(String value, int max) {
		return (value.length() <= max) ? value : value.substring(0, max - 3) + "...";
	}

}
