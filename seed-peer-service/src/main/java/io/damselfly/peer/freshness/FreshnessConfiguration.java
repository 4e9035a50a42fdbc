package io.damselfly.peer.freshness;

import java.time.Clock;

import io.damselfly.peer.source.OriginClient;
import io.damselfly.peer.storage.StorageProperties;
import io.damselfly.peer.scheduler.SchedulerClient;
import io.micrometer.core.instrument.MeterRegistry;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Wires fresh content: the origin question, this peer's generation records and the decision, and the
 * private-content check that asks the same question for callers the freshness check did not ask for.
 */
@Configuration(proxyBeanMethods = false)
public class FreshnessConfiguration {

	@Bean
	OriginQuestion originQuestion(OriginClient origin, OriginFreshnessProperties properties) {
		return new OriginQuestion(origin, properties.revalidateTimeout());
	}

	@Bean
	FileGenerationStore generationStore(StorageProperties storage, JsonMapper json, Clock clock) {
		return new FileGenerationStore(storage.dir().resolve("generations"), json, storage.taskTtl(), clock);
	}

	@Bean
	Freshness freshness(OriginQuestion question, FileGenerationStore store, SchedulerClient scheduler,
			OriginFreshnessProperties properties, Clock clock, MeterRegistry meters) {
		return new Freshness(question, store, scheduler, properties, clock, meters);
	}

	@Bean
	FilePublicTasks publicTasks(StorageProperties storage, Clock clock) {
		return new FilePublicTasks(storage.dir().resolve("public"), storage.taskTtl(), clock);
	}

	@Bean
	PrivateContent privateContent(OriginQuestion question, SchedulerClient scheduler, PublicTasks publicTasks,
			OriginFreshnessProperties properties) {
		return new PrivateContent(question, scheduler, publicTasks, properties.revalidateTimeout());
	}

}
