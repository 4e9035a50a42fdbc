package io.damselfly.testsupport.docs;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.annotation.Annotation;
import java.lang.reflect.Constructor;
import java.lang.reflect.Method;
import java.lang.reflect.RecordComponent;
import java.net.JarURLConnection;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Enumeration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import org.jspecify.annotations.Nullable;

/**
 * Keeps {@code docs/operations.md} in step with the code: finds every {@code @ConfigurationProperties}
 * record of the {@code io.damselfly} packages on the classpath (nested records included), and compares
 * each {@code damselfly.*} key with the operations guide's settings tables. A row is
 * {@code | `damselfly.probe.interval` | `2s` | meaning |}; when the record declares a
 * {@code @DefaultValue}, the first code span of the default cell must be that value.
 * <p>
 * Plain reflection, no Spring: annotations are matched by name, so this helper needs no dependency on
 * Spring Boot and sees exactly what the service's classpath holds. A test of each service calls it, so
 * every service's settings are checked by the build of that service.
 */
public final class SettingsReference {

	private static final String CONFIGURATION_PROPERTIES = "org.springframework.boot.context.properties.ConfigurationProperties";

	private static final String DEFAULT_VALUE = "org.springframework.boot.context.properties.bind.DefaultValue";

	private static final String BASE = "io/damselfly";

	private static final Pattern ROW = Pattern.compile("^\\|\\s*`(damselfly\\.[a-z0-9.\\[\\]-]+)`\\s*\\|([^|]*)\\|");

	private static final Pattern CODE = Pattern.compile("`([^`]*)`");

	private final List<Setting> settings;

	private final Map<String, String> documented;

	private final Path guide;

	private SettingsReference(List<Setting> settings, Map<String, String> documented, Path guide) {
		this.settings = settings;
		this.documented = documented;
		this.guide = guide;
	}

	/**
	 * One setting.
	 *
	 * @param key the full key, e.g. {@code damselfly.probe.interval}
	 * @param defaultValue the record's {@code @DefaultValue}, null when it declares none
	 * @param owner the record that binds it
	 */
	public record Setting(String key, @Nullable String defaultValue, String owner) {
	}

	/** The settings on this classpath and the guide found above the working directory. */
	public static SettingsReference load() {
		Path guide = repositoryRoot().resolve("docs/operations.md");
		return new SettingsReference(scan(Thread.currentThread().getContextClassLoader()), readGuide(guide), guide);
	}

	public List<Setting> settings() {
		return settings;
	}

	/**
	 * What is out of step: settings missing from the guide, defaults that differ, and keys the guide lists
	 * under a prefix this classpath owns that no record binds any more. Empty when all is well.
	 */
	public List<String> problems() {
		List<String> problems = new ArrayList<>();
		for (Setting s : settings) {
			String cell = documented.get(s.key());
			if (cell == null) {
				problems.add(s.key() + " (" + s.owner() + ") is not in " + guide.getFileName()
						+ ": add a row | `" + s.key() + "` | " + ((s.defaultValue() != null) ? "`" + s.defaultValue() + "`"
								: "default") + " | meaning |");
				continue;
			}
			if (s.defaultValue() != null && !s.defaultValue().isBlank()) {
				Matcher code = CODE.matcher(cell);
				String shown = code.find() ? code.group(1) : cell.strip();
				if (!shown.equals(s.defaultValue())) {
					problems.add(s.key() + " defaults to `" + s.defaultValue() + "` in " + s.owner() + " but "
							+ guide.getFileName() + " says `" + shown + "`");
				}
			}
		}
		TreeSet<String> prefixes = new TreeSet<>();
		TreeSet<String> known = new TreeSet<>();
		for (Setting s : settings) {
			known.add(s.key());
			prefixes.add(s.key().substring(0, s.key().lastIndexOf('.') + 1));
		}
		for (String key : documented.keySet()) {
			if (!known.contains(key) && prefixes.stream().anyMatch((p) -> key.startsWith(p)
					&& key.indexOf('.', p.length()) < 0)) {
				problems.add(key + " is in " + guide.getFileName() + " but no @ConfigurationProperties record binds it");
			}
		}
		return problems;
	}

	/** Every setting of the {@code @ConfigurationProperties} records under {@code io.damselfly}, sorted by key. */
	static List<Setting> scan(ClassLoader loader) {
		List<Setting> out = new ArrayList<>();
		for (String className : classNames(loader)) {
			Class<?> type;
			try {
				type = Class.forName(className, false, loader);
			}
			catch (ClassNotFoundException | LinkageError ex) {
				// A class whose optional dependencies are absent binds nothing on this classpath.
				continue;
			}
			String prefix = prefix(type);
			if (prefix != null) {
				collect(type, prefix, type.getName(), out);
			}
		}
		out.sort((a, b) -> a.key().compareTo(b.key()));
		return out;
	}

	private static void collect(Class<?> type, String prefix, String owner, List<Setting> out) {
		if (!type.isRecord()) {
			throw new IllegalStateException(owner + " binds " + prefix + " but is not a record; the house style wants records");
		}
		RecordComponent[] components = type.getRecordComponents();
		Annotation[][] parameters = canonical(type, components).getParameterAnnotations();
		for (int i = 0; i < components.length; i++) {
			RecordComponent c = components[i];
			String key = prefix + "." + kebab(c.getName());
			Class<?> ct = c.getType();
			if (ct.isRecord() && ct.getName().startsWith("io.damselfly.")) {
				collect(ct, key, owner, out);
			}
			else {
				out.add(new Setting(key, defaultValue(parameters[i]), owner));
			}
		}
	}

	private static Constructor<?> canonical(Class<?> type, RecordComponent[] components) {
		Class<?>[] types = new Class<?>[components.length];
		for (int i = 0; i < components.length; i++) {
			types[i] = components[i].getType();
		}
		try {
			return type.getDeclaredConstructor(types);
		}
		catch (NoSuchMethodException ex) {
			throw new IllegalStateException("record " + type.getName() + " has no canonical constructor", ex);
		}
	}

	private static @Nullable String prefix(Class<?> type) {
		for (Annotation a : type.getDeclaredAnnotations()) {
			if (a.annotationType().getName().equals(CONFIGURATION_PROPERTIES)) {
				String value = (String) attribute(a, "value");
				return (value == null || value.isEmpty()) ? (String) attribute(a, "prefix") : value;
			}
		}
		return null;
	}

	private static @Nullable String defaultValue(Annotation[] annotations) {
		for (Annotation a : annotations) {
			if (a.annotationType().getName().equals(DEFAULT_VALUE)) {
				String[] values = (String[]) attribute(a, "value");
				return (values == null) ? "" : String.join(",", values);
			}
		}
		return null;
	}

	private static @Nullable Object attribute(Annotation annotation, String name) {
		try {
			Method method = annotation.annotationType().getMethod(name);
			return method.invoke(annotation);
		}
		catch (ReflectiveOperationException ex) {
			return null;
		}
	}

	/** {@code keepaliveTtl} → {@code keepalive-ttl}, as Boot's canonical property names. */
	static String kebab(String camel) {
		StringBuilder out = new StringBuilder(camel.length() + 4);
		for (int i = 0; i < camel.length(); i++) {
			char c = camel.charAt(i);
			if (Character.isUpperCase(c)) {
				if (i > 0) {
					out.append('-');
				}
				out.append(Character.toLowerCase(c));
			}
			else {
				out.append(c);
			}
		}
		return out.toString();
	}

	private static List<String> classNames(ClassLoader loader) {
		List<String> names = new ArrayList<>();
		try {
			Enumeration<URL> roots = loader.getResources(BASE);
			for (URL url : Collections.list(roots)) {
				if ("file".equals(url.getProtocol())) {
					Path dir = Path.of(url.toURI());
					Path classpathRoot = dir.getParent().getParent();
					try (Stream<Path> files = Files.walk(dir)) {
						files.filter((f) -> f.toString().endsWith(".class")).forEach((f) -> names
							.add(className(classpathRoot.relativize(f).toString().replace(File.separatorChar, '/'))));
					}
				}
				else if ("jar".equals(url.getProtocol())) {
					JarURLConnection connection = (JarURLConnection) url.openConnection();
					connection.setUseCaches(false);
					try (JarFile jar = connection.getJarFile()) {
						for (JarEntry entry : Collections.list(jar.entries())) {
							if (entry.getName().startsWith(BASE + "/") && entry.getName().endsWith(".class")) {
								names.add(className(entry.getName()));
							}
						}
					}
				}
			}
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		catch (URISyntaxException ex) {
			throw new IllegalStateException(ex);
		}
		return names.stream().filter((n) -> !n.endsWith("package-info")).distinct().toList();
	}

	private static String className(String path) {
		return path.substring(0, path.length() - ".class".length()).replace('/', '.');
	}

	/** Key → default cell of every settings row of the guide. */
	static Map<String, String> readGuide(Path guide) {
		Map<String, String> rows = new LinkedHashMap<>();
		try {
			for (String line : Files.readAllLines(guide, StandardCharsets.UTF_8)) {
				Matcher row = ROW.matcher(line);
				if (row.find()) {
					rows.putIfAbsent(row.group(1), row.group(2));
				}
			}
		}
		catch (IOException ex) {
			throw new UncheckedIOException("cannot read the operations guide " + guide, ex);
		}
		return rows;
	}

	/** The nearest directory up from the working directory with the Maven wrapper and a docs directory. */
	static Path repositoryRoot() {
		Path dir = Path.of(System.getProperty("user.dir")).toAbsolutePath();
		for (Path d = dir; d != null; d = d.getParent()) {
			if (Files.isRegularFile(d.resolve("mvnw")) && Files.isDirectory(d.resolve("docs"))) {
				return d;
			}
		}
		throw new IllegalStateException("no repository root (mvnw and docs/) above " + dir);
	}

}
