package io.damselfly.cli.docs;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Checks the relative links of Markdown files the way GitHub renders them: the target must exist inside
 * the repository, and a {@code #fragment} must name a heading of the target (GitHub's slug rules) or an
 * explicit {@code <a id>} / {@code <a name>}; a fragment on a file that is not Markdown must be a line
 * anchor ({@code #L12}, {@code #L12-L20}). Links in fenced code blocks and code spans are not links.
 * Absolute links ({@code https:}, {@code mailto:}) are not checked: the build has no Internet.
 */
final class MarkdownLinks {

	private static final Pattern FENCE = Pattern.compile("^ {0,3}(`{3,}|~{3,})");

	private static final Pattern ATX = Pattern.compile("^ {0,3}(#{1,6})[ \\t]+(.*?)[ \\t]*#*[ \\t]*$");

	private static final Pattern SETEXT = Pattern.compile("^ {0,3}(=+|-+)[ \\t]*$");

	private static final Pattern CODE_SPAN = Pattern.compile("(`+)(.+?)\\1");

	/** {@code [text](target "title")} and {@code ![alt](target)}; the target may be in angle brackets. */
	private static final Pattern INLINE = Pattern.compile("!?\\[(?:[^\\[\\]]|\\[[^\\]]*\\])*\\]\\(\\s*(<[^>]*>|[^)\\s]+)(?:\\s+[\"'(][^)]*)?\\)");

	private static final Pattern REFERENCE = Pattern.compile("^ {0,3}\\[[^\\]]+\\]:\\s*(<[^>]*>|\\S+)");

	private static final Pattern HTML_LINK = Pattern.compile("<(?:a|img)\\s[^>]*?(?:href|src)\\s*=\\s*\"([^\"]*)\"",
			Pattern.CASE_INSENSITIVE);

	private static final Pattern HTML_ANCHOR = Pattern.compile("<a\\s[^>]*?(?:id|name)\\s*=\\s*\"([^\"]+)\"",
			Pattern.CASE_INSENSITIVE);

	private static final Pattern SCHEME = Pattern.compile("^[a-zA-Z][a-zA-Z0-9+.-]*:");

	private static final Pattern LINE_ANCHOR = Pattern.compile("L\\d+(-L\\d+)?");

	private final Path root;

	private final Map<Path, Set<String>> anchors = new HashMap<>();

	/** @param root the repository root: no link may leave it */
	MarkdownLinks(Path root) {
		this.root = root.toAbsolutePath().normalize();
	}

	/** Every broken link of one Markdown file, as {@code file:line: target: why}. */
	List<String> check(Path file) {
		Path source = file.toAbsolutePath().normalize();
		List<String> problems = new ArrayList<>();
		List<String> lines = read(source);
		boolean[] code = codeLines(lines);
		for (int i = 0; i < lines.size(); i++) {
			if (code[i]) {
				continue;
			}
			for (String target : targets(lines.get(i))) {
				String why = problem(source, target);
				if (why != null) {
					problems.add(root.relativize(source) + ":" + (i + 1) + ": " + target + ": " + why);
				}
			}
		}
		return problems;
	}

	/** The problem with one link target of {@code source}, as a one-element list, or an empty list. */
	List<String> checkTarget(Path source, String target) {
		String why = problem(source.toAbsolutePath().normalize(), target);
		return (why != null) ? List.of(target + ": " + why) : List.of();
	}

	/** The link targets of one line outside code spans. */
	static List<String> targets(String line) {
		String text = CODE_SPAN.matcher(line).replaceAll("");
		List<String> out = new ArrayList<>();
		Matcher inline = INLINE.matcher(text);
		while (inline.find()) {
			out.add(unbracket(inline.group(1)));
		}
		Matcher reference = REFERENCE.matcher(text);
		if (reference.find()) {
			out.add(unbracket(reference.group(1)));
		}
		Matcher html = HTML_LINK.matcher(text);
		while (html.find()) {
			out.add(html.group(1));
		}
		return out;
	}

	private String problem(Path source, String target) {
		if (target.isEmpty() || SCHEME.matcher(target).find() || target.startsWith("//")) {
			return null;
		}
		int hash = target.indexOf('#');
		String path = (hash >= 0) ? target.substring(0, hash) : target;
		String fragment = (hash >= 0) ? target.substring(hash + 1) : null;
		int query = path.indexOf('?');
		if (query >= 0) {
			path = path.substring(0, query);
		}
		Path resolved;
		if (path.isEmpty()) {
			resolved = source;
		}
		else {
			String decoded = URLDecoder.decode(path.replace("+", "%2B"), StandardCharsets.UTF_8);
			resolved = decoded.startsWith("/") ? root.resolve(decoded.substring(1)).normalize()
					: source.getParent().resolve(decoded).normalize();
			if (!resolved.startsWith(root)) {
				return "leaves the repository";
			}
			if (!Files.exists(resolved)) {
				return "no such file " + root.relativize(resolved);
			}
		}
		if (fragment == null || fragment.isEmpty()) {
			return null;
		}
		if (!resolved.getFileName().toString().toLowerCase(Locale.ROOT).endsWith(".md")) {
			return LINE_ANCHOR.matcher(fragment).matches() ? null
					: "#" + fragment + " is not a line anchor of a file that is not Markdown";
		}
		String wanted = URLDecoder.decode(fragment, StandardCharsets.UTF_8).toLowerCase(Locale.ROOT);
		Set<String> known = anchors.computeIfAbsent(resolved, MarkdownLinks::anchorsOf);
		return known.contains(wanted) ? null : "no heading or anchor #" + fragment + " in " + root.relativize(resolved);
	}

	/** The fragments a Markdown file answers to on GitHub: heading slugs (with -1, -2 for repeats) and HTML anchors. */
	static Set<String> anchorsOf(Path file) {
		List<String> lines = read(file);
		boolean[] code = codeLines(lines);
		Set<String> out = new LinkedHashSet<>();
		Map<String, Integer> seen = new HashMap<>();
		for (int i = 0; i < lines.size(); i++) {
			if (code[i]) {
				continue;
			}
			String line = lines.get(i);
			String heading = null;
			Matcher atx = ATX.matcher(line);
			if (atx.matches()) {
				heading = atx.group(2);
			}
			else if (i > 0 && !code[i - 1] && SETEXT.matcher(line).matches() && isParagraphText(lines.get(i - 1))) {
				heading = lines.get(i - 1).strip();
			}
			if (heading != null) {
				String slug = slug(heading);
				int n = seen.merge(slug, 1, Integer::sum);
				out.add((n == 1) ? slug : slug + "-" + (n - 1));
			}
			Matcher anchor = HTML_ANCHOR.matcher(line);
			while (anchor.find()) {
				out.add(anchor.group(1).toLowerCase(Locale.ROOT));
			}
		}
		return out;
	}

	/**
	 * GitHub's heading slug: the rendered text, lower-cased, with everything but letters, digits, marks,
	 * spaces, hyphens and underscores removed, and each space turned into a hyphen.
	 */
	static String slug(String heading) {
		String text = heading.replaceAll("!?\\[([^\\]]*)\\]\\([^)]*\\)", "$1")
			.replaceAll("`+([^`]*)`+", "$1")
			.replaceAll("<[^>]+>", "")
			.replaceAll("(\\*\\*|__)(.+?)\\1", "$2")
			.replaceAll("(?<![\\p{L}\\p{N}])[*_](.+?)[*_](?![\\p{L}\\p{N}])", "$1")
			.strip();
		StringBuilder slug = new StringBuilder(text.length());
		text.toLowerCase(Locale.ROOT).codePoints().forEach((c) -> {
			if (c == ' ') {
				slug.append('-');
			}
			else if (Character.isLetterOrDigit(c) || c == '-' || c == '_'
					|| Character.getType(c) == Character.NON_SPACING_MARK) {
				slug.appendCodePoint(c);
			}
		});
		return slug.toString();
	}

	private static boolean isParagraphText(String line) {
		String t = line.strip();
		return !t.isEmpty() && !t.startsWith("|") && !t.startsWith("#") && !t.startsWith(">") && !t.startsWith("-")
				&& !t.startsWith("*") && !t.matches("\\d+[.)] .*");
	}

	/** Which lines are inside fenced code blocks (fences included). */
	private static boolean[] codeLines(List<String> lines) {
		boolean[] code = new boolean[lines.size()];
		String fence = null;
		for (int i = 0; i < lines.size(); i++) {
			Matcher m = FENCE.matcher(lines.get(i));
			if (fence == null) {
				if (m.find()) {
					fence = m.group(1);
					code[i] = true;
				}
			}
			else {
				code[i] = true;
				if (m.find() && m.group(1).charAt(0) == fence.charAt(0) && m.group(1).length() >= fence.length()
						&& lines.get(i).strip().equals(m.group(1))) {
					fence = null;
				}
			}
		}
		return code;
	}

	private static String unbracket(String target) {
		return (target.startsWith("<") && target.endsWith(">")) ? target.substring(1, target.length() - 1) : target;
	}

	private static List<String> read(Path file) {
		try {
			return Files.readAllLines(file, StandardCharsets.UTF_8);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

}
