package io.damselfly.cli.command;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** Parsing of the option values several commands share. */
final class Options {

	private Options() {
	}

	/** {@code Name: value} headers, in order. */
	static Map<String, String> headers(List<String> headers) {
		Map<String, String> map = new LinkedHashMap<>();
		for (String header : headers) {
			int colon = header.indexOf(':');
			if (colon <= 0) {
				throw new IllegalArgumentException("--header expects 'Name: value', got '" + header + "'");
			}
			map.put(header.substring(0, colon).trim(), header.substring(colon + 1).trim());
		}
		return map;
	}

	/** A duration such as {@code 90s}, {@code 30m} or {@code 2h}. */
	static Duration duration(String option, String value) {
		String t = value.trim().toLowerCase(Locale.ROOT);
		try {
			return Duration.parse(t.startsWith("p") ? t : "PT" + t);
		}
		catch (RuntimeException ex) {
			throw new IllegalArgumentException(option + " expects e.g. 90s, 30m or 2h, got '" + value + "'");
		}
	}

}
