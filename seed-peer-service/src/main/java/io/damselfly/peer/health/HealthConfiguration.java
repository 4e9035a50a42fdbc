package io.damselfly.peer.health;

import java.time.Duration;

import io.damselfly.peer.storage.FileTaskStore;
import io.damselfly.service.lifecycle.PeriodicTask;

import org.springframework.boot.availability.ApplicationAvailability;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Wires the readiness indicators over the task storage, the write-failure latch that turns the node
 * DOWN at once, the periodic disk I/O probe, and the {@link PeerHealth} snapshot announces carry.
 */
@Configuration(proxyBeanMethods = false)
public class HealthConfiguration {

	@Bean
	WriteFailureLatch writeFailureLatch() {
		return new WriteFailureLatch();
	}

	/** Named like Boot's disk-space indicator so it replaces it: this one watches the task storage. */
	@Bean
	DiskSpaceHealthIndicator diskSpaceHealthIndicator(FileTaskStore store, HealthProperties properties) {
		return new DiskSpaceHealthIndicator(store.tasksDir(), store, properties);
	}

	@Bean
	DiskIoHealthIndicator diskIoHealthIndicator(FileTaskStore store, HealthProperties properties,
			WriteFailureLatch latch) {
		return new DiskIoHealthIndicator(store.tasksDir(), properties, latch);
	}

	@Bean
	MemoryHealthIndicator memoryHealthIndicator(HealthProperties properties) {
		return new MemoryHealthIndicator(MemoryHealthIndicator.HeapReader.jvm(), properties);
	}

	@Bean
	PeerHealth peerHealth(DiskSpaceHealthIndicator space, DiskIoHealthIndicator io, MemoryHealthIndicator memory,
			WriteFailureLatch latch, ApplicationAvailability availability) {
		return new PeerHealth(space, io, memory, latch, availability);
	}

	@Bean
	PeriodicTask diskIoProbe(DiskIoHealthIndicator io, HealthProperties properties) {
		Duration every = properties.ioProbeInterval();
		return PeriodicTask.atFixedRate("disk I/O probe", every, every, io::probe);
	}

}
