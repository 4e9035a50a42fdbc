package io.damselfly.service.manager;

import java.io.IOException;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.TimeoutException;

import io.damselfly.common.node.Node;
import io.damselfly.service.manager.NodeListPolicy.Freshness;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.publisher.Mono;

import org.springframework.core.codec.CodecException;
import org.springframework.web.reactive.function.client.WebClientException;

/**
 * A node list as the manager last gave it, judged by the {@link NodeListPolicy}: the one cache of the
 * manager's node lists (the peer's schedulers, the gateway's scheduler pool). Plain state with no I/O of
 * its own: a {@code PeriodicTask} feeds it through {@link #refreshFrom}, and readers take a {@link View}.
 * <p>
 * Logs once per change: the list when it changes (INFO), the first failed refresh (WARN), the list
 * turning stale (WARN) and expiring (WARN), and the manager answering again (INFO).
 */
public class NodeDirectory {

	private static final Logger logger = LoggerFactory.getLogger(NodeDirectory.class);

	private final String what;

	private final URI managerUrl;

	private final NodeListPolicy policy;

	private final Clock clock;

	private volatile @Nullable Listing listing;

	private volatile @Nullable Failure failure;

	private volatile Freshness reported = Freshness.FRESH;

	/**
	 * @param what what the list holds, for logs ({@code "schedulers of cluster default"})
	 * @param managerUrl where it comes from, for logs and reasons
	 */
	public NodeDirectory(String what, URI managerUrl, NodeListPolicy policy, Clock clock) {
		this.what = what;
		this.managerUrl = managerUrl;
		this.policy = policy;
		this.clock = clock;
	}

	/** Reads the list once from {@code call}; completes empty whatever happened, which is recorded. */
	public Mono<Void> refreshFrom(Mono<List<Node>> call) {
		return call.doOnNext(this::update).then()
			// Fail-open, bounded by the policy: the last list serves until it expires.
			.onErrorResume(NodeDirectory::noAnswer, (ex) -> {
				refreshFailed(ex);
				return Mono.empty();
			});
	}

	/**
	 * The manager gave no usable list: unreachable or failing (a transport error, an error status), too
	 * slow (a timeout), an answer that cannot be read, or one the caller refused ({@link IllegalStateException},
	 * e.g. a list with no node where one is needed).
	 */
	static boolean noAnswer(Throwable ex) {
		return ex instanceof WebClientException || ex instanceof TimeoutException || ex instanceof CodecException
				|| ex instanceof IOException || ex instanceof IllegalStateException;
	}

	/** Records the manager's latest answer. */
	public void update(List<Node> nodes) {
		Listing previous = listing;
		Failure failed = failure;
		listing = new Listing(List.copyOf(nodes), clock.instant());
		failure = null;
		reported = Freshness.FRESH;
		if (failed != null) {
			logger.info("Manager {} reachable again after {} (since {})", managerUrl, failed.error, failed.since);
		}
		List<String> ids = ids(nodes);
		if (previous == null || !ids.equals(ids(previous.nodes))) {
			logger.info("{} from manager: {} (was {})", capitalized(what), ids,
					(previous != null) ? ids(previous.nodes) : "unknown");
		}
	}

	/** Records a failed refresh; the last list stays in use while the policy allows. */
	public void refreshFailed(Throwable error) {
		Instant now = clock.instant();
		Failure previous = failure;
		String description = describe(error);
		failure = new Failure(description, (previous != null) ? previous.since : now);
		Listing known = listing;
		Freshness freshness = (known != null) ? policy.judge(Duration.between(known.at, now)) : Freshness.EXPIRED;
		if (previous == null) {
			logger.warn("Cannot list {} from manager {}: {}; {}", what, managerUrl, description,
					(known != null && freshness.usable())
							? "keeping the last list " + ids(known.nodes) + " (stale after "
									+ policy.staleAfter().toMillis() + " ms, dropped after "
									+ policy.expireAfter().toMillis() + " ms)"
							: "no list to fall back on");
		}
		if (known != null && freshness != reported) {
			reported = freshness;
			if (freshness == Freshness.STALE) {
				logger.warn("The list of {} is stale: not confirmed by the manager since {}; still used until {}",
						what, known.at, known.at.plus(policy.expireAfter()));
			}
			else if (freshness == Freshness.EXPIRED) {
				logger.warn("The list of {} expired: not confirmed by the manager since {}; no longer used", what,
						known.at);
			}
		}
	}

	/** What may be used right now. */
	public View view() {
		Listing known = listing;
		Failure failed = failure;
		if (known == null) {
			return new View(List.of(), null, null, (failed != null) ? failed.error : null);
		}
		Freshness freshness = policy.judge(Duration.between(known.at, clock.instant()));
		return new View(freshness.usable() ? known.nodes : List.of(), freshness, known.at,
				(failed != null) ? failed.error : null);
	}

	/** When the manager last answered, or null if it never has. */
	public @Nullable Instant lastListedAt() {
		Listing known = listing;
		return (known != null) ? known.at : null;
	}

	/** Since when the manager has failed to answer, or null while it answers. */
	public @Nullable Instant unreachableSince() {
		Failure failed = failure;
		return (failed != null) ? failed.since : null;
	}

	public NodeListPolicy policy() {
		return policy;
	}

	public URI managerUrl() {
		return managerUrl;
	}

	private static List<String> ids(List<Node> nodes) {
		return nodes.stream().map(Node::id).toList();
	}

	private static String capitalized(String text) {
		return text.isEmpty() ? text : Character.toUpperCase(text.charAt(0)) + text.substring(1);
	}

	/** The root cause's message, prefixed with the outer exception's type when they differ. */
	static String describe(Throwable error) {
		Throwable root = error;
		while (root.getCause() != null && root.getCause() != root) {
			root = root.getCause();
		}
		String message = (root.getMessage() != null) ? root.getMessage() : root.getClass().getSimpleName();
		return (root == error) ? message : error.getClass().getSimpleName() + ": " + message;
	}

	/**
	 * The list at one instant.
	 *
	 * @param nodes the nodes to use: empty when the manager listed none, never answered, or the list expired
	 * @param freshness how old the list is, or null when the manager never answered
	 * @param listedAt when the manager last answered, or null if it never has
	 * @param failure the last refresh error while the manager does not answer, else null
	 */
	public record View(List<Node> nodes, @Nullable Freshness freshness, @Nullable Instant listedAt,
			@Nullable String failure) {

		/** True when the manager never answered, or its last answer expired. */
		public boolean unknown() {
			return freshness == null || !freshness.usable();
		}

	}

	private record Listing(List<Node> nodes, Instant at) {
	}

	private record Failure(String error, Instant since) {
	}

}
