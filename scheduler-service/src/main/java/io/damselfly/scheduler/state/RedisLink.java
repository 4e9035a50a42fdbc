package io.damselfly.scheduler.state;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.function.Function;

import io.lettuce.core.AbstractRedisClient;
import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisNoScriptException;
import io.lettuce.core.api.StatefulConnection;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.cluster.RedisClusterClient;
import io.lettuce.core.cluster.api.StatefulRedisClusterConnection;
import io.lettuce.core.cluster.api.reactive.RedisClusterReactiveCommands;
import io.lettuce.core.codec.ByteArrayCodec;
import io.lettuce.core.codec.RedisCodec;
import io.lettuce.core.codec.StringCodec;
import org.jspecify.annotations.Nullable;
import org.reactivestreams.Publisher;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

import org.springframework.context.SmartLifecycle;
import org.springframework.data.redis.connection.lettuce.LettuceConnectionFactory;

/**
 * The scheduler's own Lettuce connection, with string keys and raw byte values (piece bitmaps are
 * binary). It is opened from the client Boot configured from {@code spring.data.redis.*}, so URL,
 * credentials, TLS, Sentinel or Cluster apply unchanged; on a cluster the client routes each script by
 * its first key and splits an {@code MGET} by slot.
 * <p>
 * Why not {@code ReactiveRedisTemplate}: it wraps every call in a connection handle and re-serializes
 * keys, arguments and replies through {@code ByteBuffer}s, and a resource-backed script re-reads its
 * resource's timestamp on each call. On the scheduling hot path (three commands per decision) that
 * was a measured share of the scheduler's CPU (see BENCHMARKS.md). Commands issued concurrently on the
 * one connection are pipelined by Lettuce.
 * <p>
 * It connects when the application starts, after Boot's connection factory; if Redis cannot be reached
 * then, the first call connects on {@code boundedElastic}, never on an event loop. Once connected,
 * Lettuce reconnects by itself.
 */
public class RedisLink implements SmartLifecycle {

	private static final Logger logger = LoggerFactory.getLogger(RedisLink.class);

	private static final RedisCodec<String, byte[]> CODEC = RedisCodec.of(StringCodec.UTF8, ByteArrayCodec.INSTANCE);

	private final LettuceConnectionFactory factory;

	private volatile @Nullable StatefulConnection<String, byte[]> connection;

	private volatile @Nullable RedisClusterReactiveCommands<String, byte[]> commands;

	public RedisLink(LettuceConnectionFactory factory) {
		this.factory = factory;
	}

	/** Runs a call that returns one value, connecting first if needed. */
	public <T> Mono<T> mono(Function<RedisClusterReactiveCommands<String, byte[]>, Mono<T>> call) {
		RedisClusterReactiveCommands<String, byte[]> current = commands;
		if (current != null) {
			return call.apply(current);
		}
		return Mono.fromCallable(this::connect).subscribeOn(Schedulers.boundedElastic()).flatMap(call);
	}

	/** Runs a call that returns several values, connecting first if needed. */
	public <T> Flux<T> flux(Function<RedisClusterReactiveCommands<String, byte[]>, Publisher<T>> call) {
		RedisClusterReactiveCommands<String, byte[]> current = commands;
		if (current != null) {
			return Flux.from(call.apply(current));
		}
		return Mono.fromCallable(this::connect).subscribeOn(Schedulers.boundedElastic()).flatMapMany(call);
	}

	private synchronized RedisClusterReactiveCommands<String, byte[]> connect() {
		if (commands == null) {
			AbstractRedisClient client = factory.getNativeClient();
			if (client instanceof RedisClusterClient cluster) {
				StatefulRedisClusterConnection<String, byte[]> c = cluster.connect(CODEC);
				connection = c;
				commands = c.reactive();
			}
			else {
				StatefulRedisConnection<String, byte[]> c = ((RedisClient) client).connect(CODEC);
				connection = c;
				commands = c.reactive();
			}
		}
		return commands;
	}

	/** Runs a script by its SHA-1, sending the text only when Redis does not know it (e.g. after a restart). */
	public Mono<List<Object>> eval(LuaScript script, String[] keys, List<String> args) {
		byte[][] values = bytes(args);
		return this.<Object>flux((c) -> c.evalsha(script.sha1(), script.output(), keys, values))
			// Recovers only from "NOSCRIPT": the script cache is empty after a Redis restart or failover.
			.onErrorResume(RedisNoScriptException.class,
					(ex) -> this.<Object>flux((c) -> c.eval(script.text(), script.output(), keys, values)))
			.collectList();
	}

	public static byte[] bytes(String value) {
		return value.getBytes(StandardCharsets.UTF_8);
	}

	private static byte[][] bytes(List<String> args) {
		byte[][] values = new byte[args.size()][];
		for (int i = 0; i < values.length; i++) {
			values[i] = bytes(args.get(i));
		}
		return values;
	}

	@Override
	public void start() {
		try {
			connect();
		}
		// Fail-open at startup: readiness reports Redis DOWN, and the first call connects again.
		catch (RuntimeException ex) {
			logger.warn("Cannot connect to Redis yet ({}); will connect on first use", ex.toString());
		}
	}

	@Override
	public void stop() {
		StatefulConnection<String, byte[]> current = connection;
		connection = null;
		commands = null;
		if (current != null) {
			current.close();
		}
	}

	@Override
	public boolean isRunning() {
		return connection != null;
	}

	/** After the connection factory, which starts in its own (lower) phase. */
	@Override
	public int getPhase() {
		return factory.getPhase() + 1;
	}

}
