package io.damselfly.scheduler.seed;

import java.time.Duration;

import io.damselfly.common.node.NodeEvents;
import io.damselfly.common.node.NodeType;
import io.lettuce.core.AbstractRedisClient;
import io.lettuce.core.RedisClient;
import io.lettuce.core.cluster.RedisClusterClient;
import io.lettuce.core.pubsub.RedisPubSubAdapter;
import io.lettuce.core.pubsub.StatefulRedisPubSubConnection;
import org.jspecify.annotations.Nullable;
import io.damselfly.service.lifecycle.BackgroundWork;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.Disposable;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;
import reactor.util.retry.Retry;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.context.SmartLifecycle;
import org.springframework.data.redis.connection.lettuce.LettuceConnectionFactory;

/**
 * Hears the manager's node state changes on {@value NodeEvents#CHANNEL} and, for a seed of this
 * scheduler's cluster, re-reads the manager's seed list at once instead of at its next refresh
 * ({@code damselfly.scheduler.seed-list-refresh}, 2 s). Without it, a peer that registered in that
 * window could still be offered a seed the manager had just ejected (its announced health usually
 * filters it too, as {@code host_down}, but not when the seed still announces UP).
 * <p>
 * The event is only a hint: the list from the manager stays the source of truth, and the periodic
 * refresh still runs, so a missed event (pub/sub keeps nothing; Redis down; manager and scheduler on
 * different Redis) only costs the old delay. Lettuce re-subscribes by itself after a reconnect; if Redis
 * cannot be reached at start, the subscription is retried with a backoff.
 */
public class NodeEventSubscriber implements SmartLifecycle {

	private static final Logger logger = LoggerFactory.getLogger(NodeEventSubscriber.class);

	private final LettuceConnectionFactory factory;

	private final SeedDirectory directory;

	private final String clusterId;

	private final JsonMapper json;

	private final BackgroundWork background;

	private volatile @Nullable StatefulRedisPubSubConnection<String, String> connection;

	private volatile @Nullable Disposable connecting;

	private volatile boolean stopped;

	public NodeEventSubscriber(LettuceConnectionFactory factory, SeedDirectory directory, String clusterId,
			JsonMapper json, BackgroundWork background) {
		this.background = background;
		this.factory = factory;
		this.directory = directory;
		this.clusterId = clusterId;
		this.json = json;
	}

	@Override
	public void start() {
		stopped = false;
		connecting = Mono.fromRunnable(this::subscribe)
			.subscribeOn(Schedulers.boundedElastic())
			.retryWhen(Retry.backoff(Long.MAX_VALUE, Duration.ofSeconds(1)).maxBackoff(Duration.ofSeconds(30))
				.doBeforeRetry((signal) -> {
					if (signal.totalRetries() == 0) {
						logger.warn("Cannot subscribe to {} yet ({}); retrying, the seed list refresh still runs",
								NodeEvents.CHANNEL, signal.failure().toString());
					}
				}))
			.subscribe();
	}

	private synchronized void subscribe() {
		if (connection != null || stopped) {
			return;
		}
		AbstractRedisClient client = factory.getNativeClient();
		StatefulRedisPubSubConnection<String, String> c = (client instanceof RedisClusterClient cluster)
				? cluster.connectPubSub() : ((RedisClient) client).connectPubSub();
		try {
			c.addListener(new RedisPubSubAdapter<>() {

				@Override
				public void message(String channel, String message) {
					onEvent(message);
				}

			});
			c.sync().subscribe(NodeEvents.CHANNEL);
		}
		catch (RuntimeException ex) {
			// Not left open behind the retry, which opens a new one.
			c.close();
			throw ex;
		}
		connection = c;
		logger.info("Listening for the manager's node state changes on {}", NodeEvents.CHANNEL);
	}

	/** Handles one published event; runs on Lettuce's I/O thread, so it only starts the refresh. */
	void onEvent(String message) {
		JsonNode event;
		try {
			event = json.readTree(message);
		}
		catch (JacksonException ex) {
			logger.warn("Ignoring a node event that is not JSON: {}", abbreviate(message));
			return;
		}
		if (!NodeType.SEED_PEER.name().equals(event.path("type").asString(""))
				|| !clusterId.equals(event.path("clusterId").asString(""))) {
			return;
		}
		String reason = event.path("reason").asString("");
		logger.info("Manager: seed {} {} -> {}{}; re-reading the seed list now", event.path("id").asString("?"),
				event.path("from").asString("?"), event.path("to").asString("?"),
				reason.isEmpty() ? "" : " (" + reason + ")");
		background.run("seed list refresh after a node event", directory.refreshNow(),
				(ex) -> logger.debug("Seed list refresh after a node event failed: {}", ex.toString()));
	}

	private static String abbreviate(String text) {
		return (text.length() <= 200) ? text : text.substring(0, 200) + "…";
	}

	@Override
	public void stop() {
		stopped = true;
		Disposable pending = connecting;
		if (pending != null) {
			pending.dispose();
		}
		synchronized (this) {
			StatefulRedisPubSubConnection<String, String> current = connection;
			connection = null;
			if (current != null) {
				current.close();
			}
		}
	}

	@Override
	public boolean isRunning() {
		Disposable pending = connecting;
		return (pending != null && !pending.isDisposed()) || connection != null;
	}

	/** After the connection factory, which starts in its own (lower) phase. */
	@Override
	public int getPhase() {
		return factory.getPhase() + 1;
	}

}
