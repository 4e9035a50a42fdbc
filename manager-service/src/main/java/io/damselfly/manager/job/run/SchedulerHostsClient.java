package io.damselfly.manager.job.run;

import java.net.URI;
import java.time.Duration;
import java.util.List;

import io.damselfly.common.host.HostAnnounce;
import io.damselfly.common.node.Node;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

import org.springframework.core.ParameterizedTypeReference;
import org.springframework.web.reactive.function.client.WebClient;
import org.springframework.web.reactive.function.client.WebClientException;

/**
 * The schedulers' host list: normal peers do not register with the manager, they announce to the
 * schedulers, which share what they hear. The first scheduler that answers is enough.
 */
public class SchedulerHostsClient {

	private static final Logger logger = LoggerFactory.getLogger(SchedulerHostsClient.class);

	private static final ParameterizedTypeReference<List<HostAnnounce>> HOSTS = new ParameterizedTypeReference<>() {
	};

	private final WebClient web;

	private final Duration timeout;

	public SchedulerHostsClient(WebClient web, Duration timeout) {
		this.web = web;
		this.timeout = timeout;
	}

	/** The live hosts as the first answering scheduler of {@code schedulers} lists them. */
	public Mono<List<HostAnnounce>> hosts(List<Node> schedulers) {
		return Flux.fromIterable(schedulers)
			.concatMap((scheduler) -> web.get().uri(URI.create(scheduler.url() + "/api/v1/hosts")).retrieve()
				.bodyToMono(HOSTS)
				.timeout(timeout)
				// Fail-over: another scheduler shares the same host list.
				.onErrorResume(WebClientException.class, (ex) -> skip(scheduler, ex))
				.onErrorResume(java.util.concurrent.TimeoutException.class, (ex) -> skip(scheduler, ex)), 1)
			.next()
			.switchIfEmpty(Mono.error(() -> new IllegalStateException(
					"no scheduler answered with its host list (" + schedulers.size() + " active)")));
	}

	private static Mono<List<HostAnnounce>> skip(Node scheduler, Exception ex) {
		logger.info("Scheduler {} did not list its hosts: {}", scheduler.id(), ex.toString());
		return Mono.empty();
	}

}
