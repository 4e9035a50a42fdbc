package io.damselfly.cli.command;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Supplier;

import io.damselfly.cli.cluster.ClusterState;
import io.damselfly.cli.cluster.NodeRecord;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParameterException;

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

	/**
	 * Parses option values with {@code parse}; a value it rejects (IllegalArgumentException) becomes a
	 * picocli usage error, so the command exits with the usage code (2) like any other bad option.
	 */
	static <T> T usage(CommandSpec spec, Supplier<T> parse) {
		try {
			return parse.get();
		}
		catch (IllegalArgumentException ex) {
			throw new ParameterException(spec.commandLine(), ex.getMessage(), ex);
		}
	}

	/**
	 * The node named {@code name} in {@code state}; a name the cluster does not have is a usage error
	 * (exit code 2), listing the names it has.
	 */
	static NodeRecord node(CommandSpec spec, ClusterState state, String name) {
		return state.node(name).orElseThrow(() -> new ParameterException(spec.commandLine(), "no node named '" + name
				+ "'; nodes: " + String.join(", ", state.nodes().stream().map(NodeRecord::name).toList())));
	}

}
