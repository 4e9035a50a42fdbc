package io.damselfly.common.id;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Collectors;

import io.damselfly.common.digest.Digests;

/**
 * Derives the task id of docs/architecture.md#identity-and-pieces: the hex SHA-256 of the URL (with the filtered query parameters
 * removed), the tag and the application. The same content requested with the same parameters maps to
 * the same task on every node, whichever node computes it.
 */
public final class TaskIds {

	private TaskIds() {
	}

	/**
	 * Derives a task id.
	 * @param url the absolute http or https URL of the origin content
	 * @param tag an optional tag that separates otherwise equal URLs (may be null or empty)
	 * @param application an optional application name (may be null or empty)
	 * @param filteredQueryParams query parameter names left out of the id, e.g. signatures that change
	 * per request ({@code X-Amz-Signature}); compared case-sensitively
	 * @return 64 lower-case hex characters
	 * @throws IllegalArgumentException when the URL is not an absolute http(s) URL
	 */
	public static String derive(String url, String tag, String application, Collection<String> filteredQueryParams) {
		String normalized = normalizeUrl(url, filteredQueryParams);
		String material = normalized + "\n" + nullToEmpty(tag) + "\n" + nullToEmpty(application);
		return Digests.sha256Hex(material);
	}

	/**
	 * The task id of a content-addressed blob (a registry layer): the hex SHA-256 of its digest string
	 * {@code sha256:<hex>}. It names the content, not where it came from, so the same layer pulled through
	 * two registries, mirrors or tags is one task; it can never equal a URL task's id, whose material
	 * always starts with {@code http}.
	 * @param digest {@code sha256:} followed by 64 lower-case hex characters
	 * @return 64 lower-case hex characters
	 * @throws IllegalArgumentException when the digest is not a SHA-256 digest
	 */
	public static String forBlob(String digest) {
		if (digest == null || !digest.matches("sha256:[0-9a-f]{64}")) {
			throw new IllegalArgumentException(
					"blob digest must be sha256:<64 lower-case hex>, got '" + Ids.abbreviate(String.valueOf(digest)) + "'");
		}
		return Digests.sha256Hex(digest);
	}

	/**
	 * The task id of one generation of a URL's content (docs/architecture.md#trust-and-security): the
	 * hex SHA-256 of the URL's base task id and the validator the origin gave for the content (its
	 * ETag, else its Last-Modified, else its length). Content replaced at the origin gets a new
	 * validator and so a new task; the material starts with {@code generation}, so it never equals a
	 * URL's or a blob's id.
	 * @param baseId the task id {@link #derive} gives for the URL, tag and application
	 * @param validator what the origin says identifies this content, at most 512 characters
	 * @return 64 lower-case hex characters
	 * @throws IllegalArgumentException when the base id is not a task id or the validator is blank
	 */
	public static String generation(String baseId, String validator) {
		Ids.requireTaskId(baseId);
		if (validator == null || validator.isBlank() || validator.length() > 512) {
			throw new IllegalArgumentException("a generation validator must be 1-512 characters");
		}
		return Digests.sha256Hex("generation\n" + baseId + "\n" + validator);
	}

	/**
	 * Checks a task id given with a request for {@code url}: it must be the id derived from url, tag and
	 * application, or the blob task id of {@code digest}.
	 * @return the task id to use: the given one, or the derived one when none is given
	 * @throws IllegalArgumentException when the given id is neither
	 */
	public static String resolve(@org.jspecify.annotations.Nullable String given, String url, String tag,
			String application, @org.jspecify.annotations.Nullable String digest, Collection<String> filteredQueryParams) {
		String derived = derive(url, tag, application, filteredQueryParams);
		if (given == null || given.equals(derived)) {
			return derived;
		}
		if (digest != null && given.equals(forBlob(digest.toLowerCase(Locale.ROOT)))) {
			return given;
		}
		throw new IllegalArgumentException("taskId " + Ids.abbreviate(given) + " does not match the id derived from url,"
				+ " tag and application (" + derived + "), nor is it the blob id of the digest");
	}

	public static String derive(String url, String tag, String application) {
		return derive(url, tag, application, Set.of());
	}

	/**
	 * Checks the URL is absolute http(s) with a host and drops the filtered query parameters, keeping
	 * the order of the others.
	 * @throws IllegalArgumentException with a message that says what is wrong
	 */
	public static String normalizeUrl(String url, Collection<String> filteredQueryParams) {
		URI uri = requireHttpUrl(url);
		String query = uri.getRawQuery();
		if (query == null || filteredQueryParams.isEmpty()) {
			return uri.toString();
		}
		List<String> kept = new ArrayList<>();
		for (String pair : query.split("&")) {
			String name = pair.contains("=") ? pair.substring(0, pair.indexOf('=')) : pair;
			if (!filteredQueryParams.contains(name)) {
				kept.add(pair);
			}
		}
		String base = uri.toString();
		int q = base.indexOf('?');
		String withoutQuery = base.substring(0, q);
		String fragment = (uri.getRawFragment() != null) ? "#" + uri.getRawFragment() : "";
		return kept.isEmpty() ? withoutQuery + fragment : withoutQuery + "?" + String.join("&", kept) + fragment;
	}

	/**
	 * Parses an absolute http or https URL with a host.
	 * @throws IllegalArgumentException with a message that says what is wrong
	 */
	public static URI requireHttpUrl(String url) {
		if (url == null || url.isBlank()) {
			throw new IllegalArgumentException("url is required");
		}
		URI uri;
		try {
			uri = new URI(url);
		}
		catch (URISyntaxException ex) {
			throw new IllegalArgumentException("url is not a valid URI: " + ex.getMessage());
		}
		String scheme = (uri.getScheme() != null) ? uri.getScheme().toLowerCase(Locale.ROOT) : "";
		if (!scheme.equals("http") && !scheme.equals("https")) {
			throw new IllegalArgumentException("url must be http or https, got '" + Ids.abbreviate(url) + "'");
		}
		if (uri.getHost() == null || uri.getHost().isBlank()) {
			throw new IllegalArgumentException("url must have a host, got '" + Ids.abbreviate(url) + "'");
		}
		return uri;
	}

	/** Parses a comma-separated list of query parameter names, as configured. */
	public static Set<String> parseFilter(String commaSeparated) {
		if (commaSeparated == null || commaSeparated.isBlank()) {
			return Set.of();
		}
		return Arrays.stream(commaSeparated.split(",")).map(String::trim).filter((s) -> !s.isEmpty())
			.collect(Collectors.toUnmodifiableSet());
	}

	private static String nullToEmpty(String value) {
		return (value != null) ? value : "";
	}

}
