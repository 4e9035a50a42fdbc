package io.damselfly.manager.job.image;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A registry reference {@code host[:port]/name[:tag][@sha256:<hex>]}. The registry must be named (a
 * first component with a dot or a port, or {@code localhost}): Docker Hub's implicit default needs a
 * token dance a preheat does not do.
 *
 * @param registry {@code host[:port]}
 * @param name the repository, e.g. {@code team/app}
 * @param reference the tag or the digest the manifest is asked by
 */
public record ImageReference(String registry, String name, String reference) {

	private static final Pattern SHAPE = Pattern.compile(
			"(?<registry>(?:localhost|[A-Za-z0-9-]+(?:\\.[A-Za-z0-9-]+)*)(?::[0-9]{1,5})?|\\[[0-9a-fA-F:.]+\\](?::[0-9]{1,5})?)"
					+ "/(?<name>[a-z0-9]+(?:(?:[._]|__|-+)[a-z0-9]+)*(?:/[a-z0-9]+(?:(?:[._]|__|-+)[a-z0-9]+)*)*)"
					+ "(?::(?<tag>[A-Za-z0-9_][A-Za-z0-9._-]{0,127}))?(?:@(?<digest>sha256:[0-9a-f]{64}))?");

	/**
	 * Parses a reference.
	 * @throws IllegalArgumentException with what is wrong
	 */
	public static ImageReference parse(String text) {
		Matcher m = SHAPE.matcher(text);
		if (!m.matches()) {
			throw new IllegalArgumentException("image must look like 'registry.example:5000/name:tag' or"
					+ " 'registry.example/name@sha256:<hex>', got '" + abbreviate(text) + "'");
		}
		String registry = m.group("registry");
		if (!registry.contains(".") && !registry.contains(":") && !registry.equals("localhost")) {
			throw new IllegalArgumentException("image must name its registry (a host with a dot or a port, or"
					+ " localhost), e.g. '127.0.0.1:5000/app:v1', got '" + abbreviate(text) + "'");
		}
		String digest = m.group("digest");
		String tag = m.group("tag");
		String reference = (digest != null) ? digest : (tag != null) ? tag : "latest";
		return new ImageReference(registry, m.group("name"), reference);
	}

	/** The base URL of the registry's API. */
	public String base(boolean plainHttp) {
		return (plainHttp ? "http://" : "https://") + registry;
	}

	public String manifestUrl(boolean plainHttp, String ref) {
		return base(plainHttp) + "/v2/" + name + "/manifests/" + ref;
	}

	public String blobUrl(boolean plainHttp, String digest) {
		return base(plainHttp) + "/v2/" + name + "/blobs/" + digest;
	}

	private static String abbreviate(String text) {
		return (text.length() > 80) ? text.substring(0, 80) + "…" : text;
	}

}
