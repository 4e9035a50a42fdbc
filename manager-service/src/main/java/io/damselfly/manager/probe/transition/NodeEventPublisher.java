package io.damselfly.manager.probe.transition;

import reactor.core.publisher.Mono;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.data.redis.core.ReactiveStringRedisTemplate;

/** Publishes {@link NodeEvent}s as JSON on the Redis channel {@value NodeEvent#CHANNEL}. */
public class NodeEventPublisher {

	private final ReactiveStringRedisTemplate redis;

	private final JsonMapper json;

	public NodeEventPublisher(ReactiveStringRedisTemplate redis, JsonMapper json) {
		this.redis = redis;
		this.json = json;
	}

	/** @return how many subscribers received it */
	public Mono<Long> publish(NodeEvent event) {
		return Mono.fromCallable(() -> json.writeValueAsString(event))
			.flatMap((message) -> redis.convertAndSend(NodeEvent.CHANNEL, message));
	}

}
