/**
 * Real container tooling for the registry drills: a Debian {@code docker-registry} (CNCF distribution) on
 * loopback, an OCI image built here, a redirecting front as object-storage registries have, and
 * {@code skopeo} pulling through a peer's registry mirror.
 */
@NullMarked
package io.damselfly.registry;

import org.jspecify.annotations.NullMarked;
