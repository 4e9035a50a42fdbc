package io.damselfly.common.auth;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import org.jspecify.annotations.Nullable;

/**
 * A node (or the operator) proves it knows its kind's secret and asks the manager for a short-lived
 * token naming that role.
 *
 * @param role {@code admin}, {@code scheduler}, {@code seed}, {@code peer} or {@code gateway}
 * @param secret the admin secret or the join secret of that node kind
 * @param subject who asks (a node or host id), recorded as the token's subject; optional
 */
public record TokenRequest(@NotBlank @Pattern(regexp = "admin|scheduler|seed|peer|gateway",
		message = "role must be one of admin, scheduler, seed, peer, gateway") String role,
		@NotBlank @Size(max = 512) String secret,
		@Nullable @Size(max = 128) @Pattern(regexp = "[A-Za-z0-9._:-]+", message = "subject must be an id") String subject) {
}
