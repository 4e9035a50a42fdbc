package io.damselfly.gateway.discovery;

import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicInteger;

import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Mono;

import org.springframework.cloud.client.ServiceInstance;
import org.springframework.cloud.client.loadbalancer.DefaultResponse;
import org.springframework.cloud.client.loadbalancer.EmptyResponse;
import org.springframework.cloud.client.loadbalancer.Request;
import org.springframework.cloud.client.loadbalancer.RequestDataContext;
import org.springframework.cloud.client.loadbalancer.Response;
import org.springframework.cloud.loadbalancer.core.ReactorServiceInstanceLoadBalancer;
import org.springframework.cloud.loadbalancer.core.ServiceInstanceListSupplier;

/**
 * Round robin over the active schedulers that skips the ones the same exchange has already tried, so the
 * gateway's Retry filter sends a retried call to another scheduler while one is left (and back to a
 * tried one only when all have been tried). The tried set lives in the exchange attributes, which
 * Spring Cloud Gateway hands to the load balancer with every choice.
 */
public class RetryAwareRoundRobinLoadBalancer implements ReactorServiceInstanceLoadBalancer {

	/** Exchange attribute holding the ids of the instances this exchange was already sent to. */
	public static final String TRIED_INSTANCES_ATTR = RetryAwareRoundRobinLoadBalancer.class.getName()
			+ ".triedInstances";

	private final ServiceInstanceListSupplier instances;

	private final AtomicInteger position = new AtomicInteger(ThreadLocalRandom.current().nextInt(1000));

	public RetryAwareRoundRobinLoadBalancer(ServiceInstanceListSupplier instances) {
		this.instances = instances;
	}

	@Override
	@SuppressWarnings("rawtypes")
	public Mono<Response<ServiceInstance>> choose(Request request) {
		Map<String, Object> attributes = (request.getContext() instanceof RequestDataContext context)
				? context.getClientRequest().getAttributes() : null;
		return instances.get(request).next().map((list) -> choose(list, attributes));
	}

	/**
	 * Picks the next instance not yet tried, and records it as tried.
	 * @param attributes the exchange attributes, or null when the request carries none (then plain round robin)
	 */
	Response<ServiceInstance> choose(List<ServiceInstance> list, @Nullable Map<String, Object> attributes) {
		if (list.isEmpty()) {
			return new EmptyResponse();
		}
		Set<String> tried = tried(attributes);
		List<ServiceInstance> untried = list.stream().filter((i) -> !tried.contains(i.getInstanceId())).toList();
		List<ServiceInstance> candidates = untried.isEmpty() ? list : untried;
		ServiceInstance chosen = candidates.get(Math.floorMod(position.getAndIncrement(), candidates.size()));
		if (attributes != null) {
			Set<String> now = new HashSet<>(tried);
			now.add(chosen.getInstanceId());
			attributes.put(TRIED_INSTANCES_ATTR, Set.copyOf(now));
		}
		return new DefaultResponse(chosen);
	}

	@SuppressWarnings("unchecked")
	private static Set<String> tried(@Nullable Map<String, Object> attributes) {
		Object value = (attributes != null) ? attributes.get(TRIED_INSTANCES_ATTR) : null;
		return (value instanceof Set<?> set) ? (Set<String>) set : Set.of();
	}

}
