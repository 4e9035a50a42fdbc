package io.damselfly.testsupport.docs;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.net.URL;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.StreamSupport;

import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The configuration metadata of this classpath as an IDE reads it: every
 * {@code META-INF/spring-configuration-metadata.json} the Spring Boot configuration processor wrote, in
 * this module's classes and in the modules and jars it depends on, Boot's own included.
 * <p>
 * The processor only knows what the compiler shows it. A module built without it, a record nested from
 * another file without {@code @NestedConfigurationProperty}, or a nested record whose Javadoc the
 * processor cannot read (a class file of another module, unless that record is a
 * {@code @ConfigurationPropertiesSource}) leaves an operator completing keys blind. {@link #problems}
 * finds each of those against the settings {@link SettingsReference} reads from the records themselves,
 * so the build of the service that binds them fails.
 */
public final class ConfigurationMetadata {

	static final String LOCATION = "META-INF/spring-configuration-metadata.json";

	private final Map<String, List<Property>> byName;

	private ConfigurationMetadata(Map<String, List<Property>> byName) {
		this.byName = byName;
	}

	/**
	 * One property of the metadata. A key that two records bind, each with its own Javadoc, is two
	 * properties of the same name.
	 *
	 * @param name the full key, e.g. {@code damselfly.probe.interval}
	 * @param type the Java type it binds to, e.g. {@code java.time.Duration}
	 * @param description what the processor took from the Javadoc, null when it found none
	 * @param defaultValue the default as text (a list's items joined by commas), null when there is none
	 * @param sourceType the class that binds it
	 * @param deprecated whether the metadata marks it deprecated
	 */
	public record Property(String name, @Nullable String type, @Nullable String description,
			@Nullable String defaultValue, @Nullable String sourceType, boolean deprecated) {
	}

	/** The metadata of every module and jar of the current thread's class loader. */
	public static ConfigurationMetadata load() {
		try {
			return read(Collections.list(Thread.currentThread().getContextClassLoader().getResources(LOCATION)));
		}
		catch (IOException ex) {
			throw new UncheckedIOException("cannot list " + LOCATION + " on the classpath", ex);
		}
	}

	/** The metadata of these files, merged as an IDE merges them. */
	static ConfigurationMetadata read(List<URL> files) {
		Map<String, List<Property>> byName = new LinkedHashMap<>();
		for (URL file : files) {
			JsonNode root;
			try (InputStream in = file.openStream()) {
				root = JsonMapper.shared().readTree(in);
			}
			catch (IOException ex) {
				throw new UncheckedIOException("cannot read " + file, ex);
			}
			for (JsonNode p : root.path("properties")) {
				Property property = new Property(p.path("name").asString(), optional(p.get("type")),
						optional(p.get("description")), optional(p.get("defaultValue")), optional(p.get("sourceType")),
						p.has("deprecation") || p.path("deprecated").asBoolean(false));
				byName.computeIfAbsent(property.name(), (n) -> new ArrayList<>()).add(property);
			}
		}
		return new ConfigurationMetadata(byName);
	}

	/** The first property of that name, null when the metadata has none. */
	public @Nullable Property property(String name) {
		List<Property> all = byName.get(name);
		return (all == null) ? null : all.get(0);
	}

	/**
	 * Whether a key of a configuration file names a property: exactly, or as an entry of a map property
	 * (as {@code logging.level.io.damselfly} is one of {@code logging.level}).
	 */
	public boolean knows(String key) {
		if (byName.containsKey(key)) {
			return true;
		}
		for (int dot = key.lastIndexOf('.'); dot > 0; dot = key.lastIndexOf('.', dot - 1)) {
			List<Property> all = byName.get(key.substring(0, dot));
			if (all != null && all.stream().anyMatch((p) -> p.type() != null && p.type().startsWith("java.util.Map<"))) {
				return true;
			}
		}
		return false;
	}

	/**
	 * What an IDE would get wrong about these settings: a setting missing from the metadata, a
	 * {@code damselfly.*} property without a description, a default that is not the record's. Empty when
	 * all is well.
	 */
	public List<String> problems(List<SettingsReference.Setting> settings) {
		List<String> problems = new ArrayList<>();
		for (SettingsReference.Setting s : settings) {
			List<Property> all = byName.get(s.key());
			if (all == null) {
				problems.add(s.key() + " (" + s.owner() + ") is not in the configuration metadata: its module needs"
						+ " spring-boot-configuration-processor on its annotation processor path, and a record"
						+ " component whose type is not an inner class of its record needs @NestedConfigurationProperty");
				continue;
			}
			if (s.defaultValue() != null && !s.defaultValue().isBlank()) {
				for (Property p : all) {
					if (!sameValue(s.defaultValue(), p.defaultValue())) {
						problems.add(s.key() + " defaults to `" + s.defaultValue() + "` in " + s.owner()
								+ " but the metadata of " + p.sourceType() + " says `" + p.defaultValue() + "`");
					}
				}
			}
		}
		byName.values().stream().flatMap(List::stream)
			.filter((p) -> p.name().startsWith("damselfly.") && (p.description() == null || p.description().isBlank()))
			.filter((p) -> !describedAtItsSource(p))
			.forEach((p) -> problems.add(p.name() + " (" + p.sourceType() + ") has no description: give it an @param"
					+ " in its record's Javadoc; a record nested from another module also needs"
					+ " @ConfigurationPropertiesSource and the processor in its own module"));
		return problems;
	}

	/**
	 * Whether a property nested from another module's record is described in the metadata that module
	 * ships for it ({@code META-INF/spring/configuration-metadata/<type>.json}, written for a record with
	 * {@code @ConfigurationPropertiesSource}). The processor copies that description into the service's own
	 * metadata when the other module is a class directory (a reactor build up to {@code compile}), but not
	 * when it is a jar (a {@code package} or {@code verify} build), so an IDE finds it in one file or the other.
	 */
	static boolean describedAtItsSource(Property property) {
		if (property.sourceType() == null) {
			return false;
		}
		URL source = Thread.currentThread().getContextClassLoader()
			.getResource("META-INF/spring/configuration-metadata/" + property.sourceType() + ".json");
		if (source == null) {
			return false;
		}
		try (InputStream in = source.openStream()) {
			for (JsonNode p : JsonMapper.shared().readTree(in).path("properties")) {
				String name = p.path("name").asString();
				if (property.name().endsWith("." + name)) {
					return !p.path("description").asString("").isBlank();
				}
			}
			return false;
		}
		catch (IOException ex) {
			throw new UncheckedIOException("cannot read " + source, ex);
		}
	}

	/** Whether two values are the same setting: the same text, or the same number ({@code 50} and {@code 50.0}). */
	static boolean sameValue(@Nullable String a, @Nullable String b) {
		if (a == null || b == null) {
			return a == b;
		}
		if (a.equals(b)) {
			return true;
		}
		try {
			return new BigDecimal(a).compareTo(new BigDecimal(b)) == 0;
		}
		catch (NumberFormatException ex) {
			return false;
		}
	}

	private static @Nullable String optional(@Nullable JsonNode node) {
		if (node == null || node.isNull()) {
			return null;
		}
		if (node.isArray()) {
			return StreamSupport.stream(node.spliterator(), false).map(JsonNode::asString)
				.collect(Collectors.joining(","));
		}
		return node.asString();
	}

}
