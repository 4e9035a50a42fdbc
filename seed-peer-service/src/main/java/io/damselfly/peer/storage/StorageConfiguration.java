package io.damselfly.peer.storage;

import java.time.Clock;
import java.time.Duration;

import io.damselfly.service.lifecycle.PeriodicTask;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Wires task storage: the store on {@code damselfly.storage.dir}, its periodic metadata flush (run once
 * more on stop) and its idle eviction. A failed write is reported to whichever
 * {@link WriteFailureListener} the health feature provides.
 */
@Configuration(proxyBeanMethods = false)
public class StorageConfiguration {

	@Bean(destroyMethod = "close")
	FileTaskStore taskStore(StorageProperties properties, JsonMapper json, WriteFailureListener writeFailures,
			Clock clock) {
		return new FileTaskStore(properties, json, DataFile::open, writeFailures, clock);
	}

	@Bean
	PeriodicTask metadataFlush(FileTaskStore store, StorageProperties properties) {
		Duration every = properties.metadataFlushInterval();
		return PeriodicTask.atFixedRate("task metadata flush", every, every, store::flush).runOnceMoreOnStop();
	}

	@Bean
	PeriodicTask idleEviction(FileTaskStore store, StorageProperties properties) {
		Duration every = properties.evictionInterval();
		return PeriodicTask.atFixedRate("task eviction", every, every, store::evictIdle);
	}

}
