/**
 * TLS between Damselfly nodes: whether this service serves HTTPS (and so announces {@code https://}
 * URLs), and the HTTP clients that call other nodes trusting the cluster's certificate authorities.
 */
@NullMarked
package io.damselfly.service.tls;

import org.jspecify.annotations.NullMarked;
