package io.damselfly.peer.metrics;

import io.damselfly.peer.serve.UploadSlots;
import io.micrometer.core.instrument.MeterRegistry;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** Wires the daemon's meters; the uploads-in-flight gauge reads the upload slots. */
@Configuration(proxyBeanMethods = false)
public class MetricsConfiguration {

	@Bean
	PeerMetrics peerMetrics(MeterRegistry registry, UploadSlots slots) {
		return new PeerMetrics(registry, slots::inFlight);
	}

}
