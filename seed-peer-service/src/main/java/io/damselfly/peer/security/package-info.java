/**
 * Who may call a peer daemon (docs/architecture.md#trust-and-security): its local API answers callers
 * from configured address ranges or with a token; its piece API answers peers and seeds.
 */
@NullMarked
package io.damselfly.peer.security;

import org.jspecify.annotations.NullMarked;
