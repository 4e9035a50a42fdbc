package io.damselfly.peer.freshness;

import java.time.Clock;

import io.damselfly.peer.storage.StorageProperties;
import io.damselfly.peer.scheduler.SchedulerClient;
import io.micrometer.core.instrument.MeterRegistry;
import io.netty.channel.ChannelOption;
import reactor.netty.http.client.HttpClient;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.client.reactive.ReactorClientHttpConnector;
import org.springframework.web.reactive.function.client.WebClient;

/** Wires fresh content: the origin question, this peer's generation records and the decision. */
@Configuration(proxyBeanMethods = false)
public class FreshnessConfiguration {

	@Bean
	OriginQuestion originQuestion(ObjectProvider<WebClient.Builder> builders, OriginFreshnessProperties properties) {
		int timeout = (int) Math.min(Integer.MAX_VALUE, properties.revalidateTimeout().toMillis());
		HttpClient http = HttpClient.create().option(ChannelOption.CONNECT_TIMEOUT_MILLIS, timeout)
			.responseTimeout(properties.revalidateTimeout());
		WebClient web = builders.getIfAvailable(WebClient::builder).clientConnector(new ReactorClientHttpConnector(http))
			.build();
		return new OriginQuestion(web, properties.revalidateTimeout());
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

}
