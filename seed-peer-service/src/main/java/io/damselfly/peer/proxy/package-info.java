/**
 * The proxy listener of every peer and seed (docs/architecture.md#registry-mirror-and-proxy): a registry
 * mirror and a forward proxy on their own Netty server. Blob GETs that match the rules go peer to peer
 * through the download service; everything else passes straight through to the upstream.
 */
@NullMarked
package io.damselfly.peer.proxy;

import org.jspecify.annotations.NullMarked;
