package io.damselfly.peer.download;

import java.time.Clock;

import io.damselfly.peer.freshness.Freshness;
import io.damselfly.peer.freshness.PrivateContent;
import io.damselfly.peer.identity.PeerIdentity;
import io.damselfly.peer.metrics.PeerMetrics;
import io.damselfly.peer.scheduler.HostAnnouncer;
import io.damselfly.peer.scheduler.SchedulerClient;
import io.damselfly.peer.scheduler.SchedulerLinkProperties;
import io.damselfly.peer.source.OriginFetcher;
import io.damselfly.peer.storage.TaskStore;
import io.damselfly.peer.transfer.ParentBreakers;
import io.damselfly.peer.transfer.ParentFetcher;
import io.damselfly.peer.transfer.PieceClient;
import io.damselfly.service.lifecycle.BackgroundWork;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Wires downloading: the guarded fetcher of parents' pieces (a parent's bitmap is read with the scheduler
 * call timeout), the engine that runs one task's flow, and the service behind the local API.
 */
@Configuration(proxyBeanMethods = false)
public class DownloadConfiguration {

	@Bean
	ParentFetcher parentFetcher(PieceClient client, ParentBreakers breakers, TaskStore store, PeerMetrics metrics,
			DownloadProperties properties, SchedulerLinkProperties schedulers) {
		return new ParentFetcher(client, breakers, store, metrics, properties.pieceTimeout(),
				properties.pieceStallTimeout(), schedulers.schedulerTimeout());
	}

	@Bean
	DownloadEngine downloadEngine(TaskStore store, SchedulerClient scheduler, HostAnnouncer announcer,
			ParentFetcher parents, OriginFetcher origin, PeerIdentity identity, DownloadProperties properties,
			BackgroundWork background) {
		return new DownloadEngine(store, scheduler, announcer, parents, origin, identity, properties, background);
	}

	@Bean
	DownloadService downloadService(DownloadEngine engine, TaskStore store, Freshness freshness,
			PrivateContent privateContent, DownloadProperties properties, BackgroundWork background, Clock clock) {
		return new DownloadService(engine, store, freshness, privateContent, properties, background, clock);
	}

}
