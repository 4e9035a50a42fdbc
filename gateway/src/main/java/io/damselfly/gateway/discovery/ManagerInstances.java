package io.damselfly.gateway.discovery;

import java.net.URI;
import java.util.ArrayList;
import java.util.List;

import reactor.core.publisher.Flux;

import org.springframework.cloud.client.DefaultServiceInstance;
import org.springframework.cloud.client.ServiceInstance;
import org.springframework.cloud.loadbalancer.core.ServiceInstanceListSupplier;

/**
 * The managers of {@code damselfly.manager.urls} (or the one {@code damselfly.manager.url}) as LoadBalancer
 * instances of {@code lb://managers} (docs/architecture.md#past-one-machine). The list is static: managers
 * share Redis, so any live one answers, and the manager route's retry moves a call that could not reach
 * one manager to the next.
 */
public class ManagerInstances implements ServiceInstanceListSupplier {

	/** LoadBalancer service id of the managers. */
	public static final String SERVICE_ID = "managers";

	private final List<ServiceInstance> instances;

	public ManagerInstances(List<URI> managers) {
		List<ServiceInstance> list = new ArrayList<>();
		for (URI url : managers) {
			boolean secure = "https".equalsIgnoreCase(url.getScheme());
			int port = (url.getPort() > 0) ? url.getPort() : (secure ? 443 : 80);
			list.add(new DefaultServiceInstance(url.getHost() + ":" + port, SERVICE_ID, url.getHost(), port, secure));
		}
		this.instances = List.copyOf(list);
	}

	@Override
	public String getServiceId() {
		return SERVICE_ID;
	}

	@Override
	public Flux<List<ServiceInstance>> get() {
		return Flux.just(instances);
	}

}
