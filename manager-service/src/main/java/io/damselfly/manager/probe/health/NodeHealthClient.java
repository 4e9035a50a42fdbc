package io.damselfly.manager.probe.health;

import java.net.URI;
import java.time.Duration;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeoutException;

import io.damselfly.manager.probe.ProbeProperties;
import io.damselfly.service.lifecycle.BackgroundWork;
import io.damselfly.service.web.WebClients;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import reactor.core.publisher.Mono;
import reactor.netty.http.client.HttpClient;

import org.springframework.core.io.buffer.DataBufferLimitException;
import org.springframework.http.MediaType;
import org.springframework.web.reactive.function.client.WebClient;

/**
 * The one client of the nodes' readiness endpoints. A probe completes empty when the node is ready and
 * fails with a {@link ProbeFailedException} carrying the reason otherwise, so a circuit breaker around it
 * records exactly the probes that failed. Each probe, connection included, is bounded by
 * {@link ProbeProperties#timeout()}, and timed in {@code damselfly.manager.probe} by outcome.
 */
public class NodeHealthClient {

	/** A readiness body is a few KiB; a node answering more is not a health endpoint. */
	private static final int MAX_BODY_BYTES = 64 * 1024;

	private final WebClient web;

	private final ProbeProperties properties;

	private final MeterRegistry meters;

	private final BackgroundWork exchanges;

	/**
	 * @param builder Boot's {@code WebClient.Builder}, cloned here before it is configured
	 * @param http the client for calls to other nodes ({@link io.damselfly.service.tls.ClusterHttpClients})
	 * @param exchanges where the HTTP exchanges run, so one that outlives its probe's timeout ends with the
	 * application
	 */
	public NodeHealthClient(WebClient.Builder builder, HttpClient http, ProbeProperties properties,
			MeterRegistry meters, BackgroundWork exchanges) {
		this.properties = properties;
		this.meters = meters;
		this.exchanges = exchanges;
		// The connection outlives the probe's timeout by an interval, for a late answer (see probe).
		Duration patience = properties.timeout().plus(properties.interval());
		this.web = WebClients.withTimeouts(builder, http, patience, patience)
			.codecs((codecs) -> codecs.defaultCodecs().maxInMemorySize(MAX_BODY_BYTES))
			.build();
	}

	/**
	 * Probes the readiness of the node at this base URL. The verdict is due within the probe timeout; a
	 * probe that times out fails with a {@link ProbeFailedException} whose {@link ProbeFailedException#lateAnswer()}
	 * says whether the node still answered ready within one more probe interval (the exchange is not
	 * cancelled at the timeout, only then). A busy node answers late; a hung one never does.
	 */
	public Mono<Void> probe(String nodeUrl) {
		Duration timeout = properties.timeout();
		return Mono.defer(() -> {
			long start = System.nanoTime();
			CompletableFuture<ReadinessVerdict> answer = new CompletableFuture<>();
			exchanges.run("readiness probe of " + nodeUrl, web.get().uri(URI.create(properties.probeUrl(nodeUrl)))
				.accept(MediaType.APPLICATION_JSON)
				.exchangeToMono((response) -> response.bodyToMono(String.class).defaultIfEmpty("")
					.map((body) -> HealthReasons.verdict(response.statusCode().value(), body)))
				.doOnNext(answer::complete)
				.doOnError(answer::completeExceptionally)
				// Cancelled (the application stops): no answer is coming.
				.doFinally((signal) -> answer.completeExceptionally(new CancellationException("probe cancelled"))),
					(ex) -> {
						// Reported through the answer.
					});
			return Mono.fromFuture(answer, true)
				.timeout(timeout)
				.onErrorMap(TimeoutException.class, (ex) -> new ProbeFailedException(HealthReasons.timedOut(timeout), ex,
						answer.handle((verdict, failure) -> verdict != null && verdict.ready())))
				.onErrorMap(DataBufferLimitException.class,
						(ex) -> new ProbeFailedException("probe failed: readiness body over " + MAX_BODY_BYTES + " bytes", ex))
				// Anything else that kept the node from answering (refused, reset, not HTTP) is a failed probe too,
				// recorded on its breaker, and never the end of the round for the other nodes.
				.onErrorMap((ex) -> !(ex instanceof ProbeFailedException),
						(ex) -> new ProbeFailedException(HealthReasons.transportFailure(ex, timeout), ex))
				.flatMap((verdict) -> verdict.ready() ? Mono.<Void>empty()
						: Mono.<Void>error(new ProbeFailedException(String.valueOf(verdict.reason()))))
				.doOnSuccess((ignored) -> time(start, "up"))
				.doOnError((ex) -> time(start, outcome(ex)));
		});
	}

	private void time(long start, String outcome) {
		Timer.builder("damselfly.manager.probe")
			.description("Readiness probes of registered nodes, by outcome")
			.tag("outcome", outcome)
			.register(meters)
			.record(Duration.ofNanos(System.nanoTime() - start));
	}

	private static String outcome(Throwable ex) {
		if (!(ex instanceof ProbeFailedException failed)) {
			return "error";
		}
		if (failed.getCause() instanceof TimeoutException) {
			return "timeout";
		}
		return (failed.getCause() != null) ? "unreachable" : "down";
	}

}
