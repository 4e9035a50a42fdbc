package io.damselfly.peer.security;

import java.util.List;

import jakarta.validation.constraints.NotNull;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * Who may use this daemon's download API (and proxy) without a token.
 *
 * @param allowedCidrs address ranges whose callers need no token: the container runtime on the same
 * host cannot add one. Default loopback only; compose and Kubernetes set the bridge or node range.
 * Callers from elsewhere need a {@code peer}, {@code scheduler}, {@code manager} or {@code admin} token on
 * the download API; the proxy listener refuses them.
 */
@Validated
@ConfigurationProperties("damselfly.peer.local-api")
public record LocalApiProperties(@DefaultValue({ "127.0.0.0/8", "::1/128" }) @NotNull List<String> allowedCidrs) {
}
