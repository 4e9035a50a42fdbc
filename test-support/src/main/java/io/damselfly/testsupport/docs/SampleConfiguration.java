package io.damselfly.testsupport.docs;

import java.io.IOException;
import java.io.InputStream;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import org.jspecify.annotations.Nullable;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;

/**
 * A sample configuration of {@code docs/config}: the {@code application.yml} an operator copies to start
 * a service, read as the keys it sets. {@link #problems} keeps it from rotting as the code moves on:
 * every key must be a property of the service's configuration metadata (Boot's keys included), and
 * every {@code damselfly.*} value must be what the service runs with when the key is not set, the
 * service's packaged {@code application.yml} value or else the record's default, so the sample shows
 * the defaults rather than a guess. A value taken from the environment ({@code ${...}}) may be anything,
 * and so may the value of a setting that has no default.
 */
public final class SampleConfiguration {

	private final Path file;

	private final Map<String, @Nullable Object> values;

	private SampleConfiguration(Path file, Map<String, @Nullable Object> values) {
		this.file = file;
		this.values = values;
	}

	/** The sample at this path from the repository root, e.g. {@code docs/config/manager.yml}. */
	public static SampleConfiguration load(String path) {
		return read(SettingsReference.repositoryRoot().resolve(path));
	}

	static SampleConfiguration read(Path file) {
		try (Reader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
			return new SampleConfiguration(file, flatten(yaml().load(in)));
		}
		catch (IOException ex) {
			throw new UncheckedIOException("cannot read the sample configuration " + file, ex);
		}
	}

	/** The file read. */
	public Path file() {
		return file;
	}

	/** Every key it sets, in file order, with its value: a scalar, or a list as a whole. */
	public Map<String, @Nullable Object> values() {
		return values;
	}

	/**
	 * What is wrong with this sample against the metadata of the current classpath and the service's
	 * packaged {@code application.yml}. Empty when all is well.
	 */
	public List<String> problems(ConfigurationMetadata metadata) {
		return problems(metadata, packaged());
	}

	List<String> problems(ConfigurationMetadata metadata, Map<String, @Nullable Object> packaged) {
		String name = file.getFileName().toString();
		List<String> problems = new ArrayList<>();
		values.forEach((key, value) -> {
			if (!metadata.knows(key)) {
				problems.add(name + ": " + key + " is not a property of this service");
				return;
			}
			ConfigurationMetadata.Property property = metadata.property(key);
			if (property != null && property.deprecated()) {
				problems.add(name + ": " + key + " is deprecated");
			}
			if (!key.startsWith("damselfly.") || value == null || text(value).contains("${")) {
				return;
			}
			Object runsWith = packaged.containsKey(key) ? packaged.get(key)
					: (property != null) ? property.defaultValue() : null;
			String expected = (runsWith != null) ? text(runsWith) : null;
			if (expected != null && !ConfigurationMetadata.sameValue(text(value), expected)) {
				problems.add(name + ": " + key + " is `" + text(value) + "` but the service runs with `" + expected
						+ "` when it is not set" + (packaged.containsKey(key) ? " (its application.yml)" : ""));
			}
		});
		return problems;
	}

	/** The keys of the service's own {@code application.yml}, the first on the classpath; none without one. */
	static Map<String, @Nullable Object> packaged() {
		URL url = Thread.currentThread().getContextClassLoader().getResource("application.yml");
		if (url == null) {
			return Map.of();
		}
		try (InputStream in = url.openStream()) {
			return flatten(yaml().load(in));
		}
		catch (IOException ex) {
			throw new UncheckedIOException("cannot read " + url, ex);
		}
	}

	/** Nested maps to dotted keys, as Spring Boot reads them; a list stays one value. */
	static Map<String, @Nullable Object> flatten(@Nullable Object yaml) {
		Map<String, @Nullable Object> out = new LinkedHashMap<>();
		if (yaml instanceof Map<?, ?> map) {
			flatten("", map, out);
		}
		else if (yaml != null) {
			throw new IllegalArgumentException("a configuration file is a map of settings, not " + yaml);
		}
		return out;
	}

	private static void flatten(String prefix, Map<?, ?> map, Map<String, @Nullable Object> out) {
		map.forEach((k, v) -> {
			String key = prefix + k;
			if (v instanceof Map<?, ?> nested && !nested.isEmpty()) {
				flatten(key + ".", nested, out);
			}
			else {
				out.put(key, v);
			}
		});
	}

	/** A value as the metadata writes a default: a list's items joined by commas. */
	static String text(@Nullable Object value) {
		if (value instanceof Collection<?> list) {
			return list.stream().map(SampleConfiguration::text).collect(Collectors.joining(","));
		}
		return String.valueOf(value);
	}

	private static Yaml yaml() {
		return new Yaml(new SafeConstructor(new LoaderOptions()));
	}

}
