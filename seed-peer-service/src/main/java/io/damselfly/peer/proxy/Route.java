package io.damselfly.peer.proxy;

import java.net.URI;

import org.jspecify.annotations.Nullable;

/**
 * Where one proxied request goes and how.
 *
 * @param dialect {@code mirror} (a {@code /v2/} request) or {@code forward} (absolute-form)
 * @param target the upstream URL of the request
 * @param p2p whether the bytes come through the P2P network rather than straight from the upstream
 * @param digest the blob digest {@code sha256:<hex>} named by the path, if any
 */
public record Route(String dialect, URI target, boolean p2p, @Nullable String digest) {
}
