package io.damselfly.peer.freshness;

import java.util.Optional;

import io.damselfly.common.task.UrlGeneration;

/**
 * The generation of each URL this peer last used, kept across restarts. Blocking: call it off the
 * event loop.
 */
public interface GenerationStore {

	Optional<UrlGeneration> find(String baseId);

	void save(UrlGeneration generation);

}
