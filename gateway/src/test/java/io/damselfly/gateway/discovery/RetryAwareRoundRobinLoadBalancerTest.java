package io.damselfly.gateway.discovery;

import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import org.junit.jupiter.api.Test;
import reactor.core.publisher.Flux;
import reactor.test.StepVerifier;

import org.springframework.cloud.client.DefaultServiceInstance;
import org.springframework.cloud.client.ServiceInstance;
import org.springframework.cloud.client.loadbalancer.DefaultRequest;
import org.springframework.cloud.client.loadbalancer.Request;
import org.springframework.cloud.client.loadbalancer.RequestData;
import org.springframework.cloud.client.loadbalancer.RequestDataContext;
import org.springframework.cloud.client.loadbalancer.Response;
import org.springframework.cloud.loadbalancer.core.ServiceInstanceListSupplier;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.util.LinkedMultiValueMap;

import static org.assertj.core.api.Assertions.assertThat;

class RetryAwareRoundRobinLoadBalancerTest {

	private final List<ServiceInstance> pool = new ArrayList<>(
			List.of(instance("scheduler-a"), instance("scheduler-b"), instance("scheduler-c")));

	private final RetryAwareRoundRobinLoadBalancer balancer = new RetryAwareRoundRobinLoadBalancer(
			new FixedSupplier(pool));

	@Test
	void retriesOfOneExchangeGoToSchedulersNotTriedYet() {
		Map<String, Object> attributes = new ConcurrentHashMap<>();
		List<String> chosen = new ArrayList<>();
		for (int attempt = 0; attempt < 3; attempt++) {
			chosen.add(chooseFor(attributes));
		}
		assertThat(chosen).containsExactlyInAnyOrder("scheduler-a", "scheduler-b", "scheduler-c");
		assertThat(attributes.get(RetryAwareRoundRobinLoadBalancer.TRIED_INSTANCES_ATTR))
			.isEqualTo(Set.of("scheduler-a", "scheduler-b", "scheduler-c"));
	}

	@Test
	void onceEverySchedulerWasTriedAnyMayBeTriedAgain() {
		Map<String, Object> attributes = new ConcurrentHashMap<>();
		attributes.put(RetryAwareRoundRobinLoadBalancer.TRIED_INSTANCES_ATTR,
				Set.of("scheduler-a", "scheduler-b", "scheduler-c"));
		assertThat(chooseFor(attributes)).isIn("scheduler-a", "scheduler-b", "scheduler-c");
	}

	@Test
	void separateExchangesAreSpreadRoundRobin() {
		Map<String, Integer> counts = new HashMap<>();
		for (int i = 0; i < 9; i++) {
			counts.merge(chooseFor(new ConcurrentHashMap<>()), 1, Integer::sum);
		}
		assertThat(counts).containsOnly(Map.entry("scheduler-a", 3), Map.entry("scheduler-b", 3),
				Map.entry("scheduler-c", 3));
	}

	@Test
	void noInstanceGivesAnEmptyResponse() {
		pool.clear();
		StepVerifier.create(balancer.choose(request(new ConcurrentHashMap<>())))
			.assertNext((response) -> assertThat(response.hasServer()).isFalse())
			.expectComplete()
			.verify(Duration.ofSeconds(5));
	}

	private String chooseFor(Map<String, Object> attributes) {
		Response<ServiceInstance> response = balancer.choose(request(attributes)).block(Duration.ofSeconds(5));
		assertThat(response).isNotNull();
		assertThat(response.hasServer()).isTrue();
		return response.getServer().getInstanceId();
	}

	private static Request<RequestDataContext> request(Map<String, Object> attributes) {
		RequestData data = new RequestData(HttpMethod.GET, URI.create("lb://schedulers/api/v1/tasks/x"),
				new HttpHeaders(), new LinkedMultiValueMap<>(), attributes);
		return new DefaultRequest<>(new RequestDataContext(data));
	}

	private static ServiceInstance instance(String id) {
		return new DefaultServiceInstance(id, SchedulerDirectory.SERVICE_ID, "127.0.0.1", 8082, false);
	}

	private record FixedSupplier(List<ServiceInstance> instances) implements ServiceInstanceListSupplier {

		@Override
		public String getServiceId() {
			return SchedulerDirectory.SERVICE_ID;
		}

		@Override
		public Flux<List<ServiceInstance>> get() {
			return Flux.defer(() -> Flux.just(List.copyOf(instances)));
		}

	}

}
