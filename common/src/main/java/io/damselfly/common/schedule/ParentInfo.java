package io.damselfly.common.schedule;

import io.damselfly.common.host.HostType;

/**
 * A parent handed to a peer.
 *
 * @param peerId the parent peer
 * @param hostId its host
 * @param url base URL of its peer API ({@code http://ip:port}); pieces are at
 * {@code url + /api/v1/tasks/{taskId}/pieces/{n}}
 * @param hostType seed or normal
 * @param pieces the pieces it held at decision time, base64 of a Redis-order bitmap (see
 * {@code PieceBitmap}); a seed still fetching gains more, so a child may ask it again
 * @param score the evaluator's score, 0-1
 */
public record ParentInfo(String peerId, String hostId, String url, HostType hostType, String pieces, double score) {
}
