package io.damselfly.peer.storage;

/**
 * A piece verified and written.
 *
 * @param number piece number
 * @param length bytes
 * @param digest hex SHA-256
 */
public record PieceWritten(int number, long length, String digest) {
}
