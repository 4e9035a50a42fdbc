package io.damselfly.peer.serve;

import io.damselfly.peer.health.PeerHealth;
import io.damselfly.peer.identity.PeerProperties;
import io.damselfly.peer.metrics.PeerMetrics;
import io.damselfly.peer.storage.TaskStore;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Wires piece serving: the upload slots, the drill-only corruption switch (checked before anything
 * serves: a seed with it on does not start) and the {@link PieceServer} the controller delegates to.
 */
@Configuration(proxyBeanMethods = false)
public class ServeConfiguration {

	@Bean
	PieceCorruption pieceCorruption(FaultProperties faults, PeerProperties properties) {
		return PieceCorruption.of(faults, properties.mode());
	}

	@Bean
	UploadSlots uploadSlots(PeerProperties properties) {
		return new UploadSlots(properties.effectiveUploadSlots());
	}

	@Bean
	PieceServer pieceServer(TaskStore store, UploadSlots slots, PeerHealth health, PeerMetrics metrics,
			PieceCorruption corruption, ServeProperties properties) {
		return new PieceServer(store, slots, health, metrics, corruption, properties.uploadTimeout());
	}

}
