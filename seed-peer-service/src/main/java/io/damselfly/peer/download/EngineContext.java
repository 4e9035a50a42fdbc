package io.damselfly.peer.download;

import io.damselfly.peer.config.PeerIdentity;
import io.damselfly.peer.config.PeerProperties;
import io.damselfly.peer.metrics.PeerMetrics;
import io.damselfly.peer.scheduler.HostAnnouncer;
import io.damselfly.peer.scheduler.SchedulerClient;
import io.damselfly.peer.source.OriginFetcher;
import io.damselfly.peer.storage.TaskStore;
import io.damselfly.peer.transfer.ParentBreakers;
import io.damselfly.peer.transfer.PieceClient;

/**
 * What the download engine works with.
 *
 * @param store task storage
 * @param scheduler the scheduler client
 * @param announcer the host announcer (a peer registers once its host is announced)
 * @param pieces the client of parents' piece API
 * @param breakers per-parent breakers
 * @param origin the back-to-source fetcher
 * @param identity who this daemon is
 * @param properties settings
 * @param metrics meters
 */
public record EngineContext(TaskStore store, SchedulerClient scheduler, HostAnnouncer announcer, PieceClient pieces,
		ParentBreakers breakers, OriginFetcher origin, PeerIdentity identity, PeerProperties properties,
		PeerMetrics metrics) {
}
