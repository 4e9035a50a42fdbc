package io.damselfly.scheduler.seed;

import io.damselfly.common.download.DownloadRequest;
import io.damselfly.common.node.Node;
import reactor.core.publisher.Mono;

/** Asks a seed peer to fetch a task from the origin, through its {@code POST /api/v1/downloads}. */
public interface SeedClient {

	/** Completes when the seed accepted the download; errors when it refused or did not answer. */
	Mono<Void> download(Node seed, DownloadRequest request);

}
