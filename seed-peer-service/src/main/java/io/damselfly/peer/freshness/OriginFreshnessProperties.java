package io.damselfly.peer.freshness;

import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * Whether and how a URL download checks that the content is still the origin's
 * (docs/architecture.md#trust-and-security).
 *
 * @param revalidate the default policy: {@code always} ask the origin (default), {@code never} once a
 * generation is known, or a TTL such as {@code 10m} within which a confirmed generation is reused
 * @param revalidateRules per-URL policies, the first whose {@code pattern} (a regular expression) finds
 * a match in the URL wins; e.g. {@code {pattern: "^https://mirror\\.example/nightly/", policy: 5m}}
 * @param serveStaleWhenDown when the origin cannot be reached (refused, timed out, 5xx), serve the last
 * known generation if it has a validator, and say so in the download status (default true: availability
 * is why a P2P cache runs); false fails the download instead
 * @param revalidateTimeout how long the revalidation request may take before the origin counts as
 * unreachable, and the schedulers' answer about the URL's latest generation before it is done without
 * (default 5 s)
 * @param unvalidatedShareWindow an origin that gives no validator cannot confirm a cached copy, so under
 * {@code always} each download starts a new generation, except that downloads starting within this long
 * of one (a burst of peers, and the seed the scheduler triggers for them) share it (default 10 s)
 */
@Validated
@ConfigurationProperties("damselfly.origin")
public record OriginFreshnessProperties(@DefaultValue("always") String revalidate,
		@DefaultValue List<RevalidateRule> revalidateRules, @DefaultValue("true") boolean serveStaleWhenDown,
		@DefaultValue("5s") Duration revalidateTimeout, @DefaultValue("10s") Duration unvalidatedShareWindow) {

	/**
	 * A per-URL revalidation policy.
	 *
	 * @param pattern a regular expression searched for in the URL
	 * @param policy {@code always}, {@code never} or a TTL
	 */
	public record RevalidateRule(String pattern, String policy) {

		public RevalidateRule {
			try {
				Pattern.compile(pattern);
			}
			catch (PatternSyntaxException | NullPointerException ex) {
				throw new IllegalArgumentException("damselfly.origin.revalidate-rules: '" + pattern
						+ "' is not a regular expression");
			}
			RevalidatePolicy.parse(policy);
		}

	}

	public OriginFreshnessProperties {
		RevalidatePolicy.parse(revalidate);
	}

	/** The policy for a URL: the first matching rule's, else the default. */
	public RevalidatePolicy policyFor(URI url) {
		String text = url.toString();
		for (RevalidateRule rule : revalidateRules) {
			if (Pattern.compile(rule.pattern()).matcher(text).find()) {
				return RevalidatePolicy.parse(rule.policy());
			}
		}
		return RevalidatePolicy.parse(revalidate);
	}

}
