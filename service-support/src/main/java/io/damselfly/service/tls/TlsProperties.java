package io.damselfly.service.tls;

import org.jspecify.annotations.Nullable;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Whom this service trusts when it calls other Damselfly nodes over HTTPS.
 *
 * @param trustBundle the SSL bundle ({@code spring.ssl.bundle.*}) whose trust store holds the certificate
 * authorities of the cluster's nodes: calls to managers, schedulers, seeds and peers trust those (and
 * present the bundle's key, when it holds one); none trusts the JDK's trust store. Origins and
 * registries are always verified against the JDK's trust store
 */
@ConfigurationProperties("damselfly.tls")
public record TlsProperties(@Nullable String trustBundle) {
}
