package io.damselfly.bench.support;

import java.util.HashMap;
import java.util.Map;

/** {@code --name value} command-line options with defaults. */
public final class Options {

	private final Map<String, String> values = new HashMap<>();

	public Options(String[] args) {
		for (int i = 0; i + 1 < args.length; i += 2) {
			if (!args[i].startsWith("--")) {
				throw new IllegalArgumentException("expected --name value pairs, got '" + args[i] + "'");
			}
			values.put(args[i].substring(2), args[i + 1]);
		}
	}

	public int integer(String name, int fallback) {
		return Integer.parseInt(values.getOrDefault(name, Integer.toString(fallback)));
	}

	public String text(String name, String fallback) {
		return values.getOrDefault(name, fallback);
	}

	public boolean flag(String name, boolean fallback) {
		return Boolean.parseBoolean(values.getOrDefault(name, Boolean.toString(fallback)));
	}

}
