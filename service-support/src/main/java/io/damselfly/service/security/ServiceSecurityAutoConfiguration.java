package io.damselfly.service.security;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Clock;
import java.util.List;

import io.damselfly.common.error.ProblemTypes;
import io.damselfly.service.manager.ManagerProperties;
import io.damselfly.service.manager.NodeRegistrar;
import io.damselfly.service.tls.ClusterHttpClients;
import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Mono;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.ApplicationListener;
import org.springframework.context.annotation.Bean;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.security.authentication.AuthenticationServiceException;
import org.springframework.security.authentication.BadCredentialsException;
import org.springframework.security.authentication.ReactiveAuthenticationManager;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.config.annotation.web.reactive.EnableWebFluxSecurity;
import org.springframework.security.config.web.server.SecurityWebFiltersOrder;
import org.springframework.security.config.web.server.ServerHttpSecurity;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.oauth2.jose.jws.SignatureAlgorithm;
import org.springframework.security.oauth2.jwt.JwtValidators;
import org.springframework.security.oauth2.jwt.JwtException;
import org.springframework.security.oauth2.jwt.NimbusReactiveJwtDecoder;
import org.springframework.security.oauth2.jwt.ReactiveJwtDecoder;
import org.springframework.security.oauth2.server.resource.authentication.BearerTokenAuthenticationToken;
import org.springframework.security.oauth2.server.resource.authentication.JwtAuthenticationConverter;
import org.springframework.security.oauth2.server.resource.authentication.JwtGrantedAuthoritiesConverter;
import org.springframework.security.oauth2.server.resource.authentication.ReactiveJwtAuthenticationConverterAdapter;
import org.springframework.security.oauth2.server.resource.web.server.authentication.ServerBearerTokenAuthenticationConverter;
import org.springframework.security.web.server.SecurityWebFilterChain;
import org.springframework.security.web.server.authentication.AuthenticationWebFilter;
import org.springframework.security.web.server.firewall.ServerExchangeRejectedHandler;
import org.springframework.security.web.server.util.matcher.ServerWebExchangeMatchers;
import org.springframework.util.function.SingletonSupplier;
import org.springframework.web.reactive.function.client.WebClient;

/**
 * Makes every Damselfly service an OAuth2 resource server (docs/architecture.md#trust-and-security):
 * bearer JWTs signed by the manager (ES256) are verified locally against its public keys, fetched once
 * from {@code /api/v1/auth/jwks} and cached (refetched when a key id is unknown); the {@code role}
 * claim becomes {@code ROLE_<role>}. Liveness and readiness status stay open for orchestrators, health
 * details need {@code manager} or {@code admin}, {@code /actuator/prometheus} takes the static scrape
 * token, and each service adds its own {@link AccessRules}. Everything else needs a valid token.
 */
@AutoConfiguration
@EnableWebFluxSecurity
@EnableConfigurationProperties(SecurityProperties.class)
public class ServiceSecurityAutoConfiguration {

	/** Who signs every token; the managers share it. */
	public static final String ISSUER = "damselfly";

	@Bean
	@ConditionalOnMissingBean
	ManagerKeys managerKeys(SecurityProperties properties, ManagerProperties manager, WebClient.Builder builder,
			ClusterHttpClients http) {
		return new ManagerKeys(builder, http.create(), managerUris(properties.jwkSetUri(), manager, "/api/v1/auth/jwks"),
				manager.timeout(), Clock.systemUTC());
	}

	@Bean
	@ConditionalOnMissingBean
	ReactiveJwtDecoder jwtDecoder(ManagerKeys keys) {
		NimbusReactiveJwtDecoder decoder = NimbusReactiveJwtDecoder.withJwkSource(keys::keysFor)
			.jwsAlgorithm(SignatureAlgorithm.ES256).build();
		decoder.setJwtValidator(JwtValidators.createDefaultWithIssuer(ISSUER));
		// Nimbus reports keys it could not fetch as an IllegalStateException, which would be a 500: it is a
		// JwtException here, so Spring Security raises an AuthenticationServiceException the failure handler
		// answers with a 503 (the managers are unreachable; the caller may retry), not a 401 or a 500.
		ReactiveJwtDecoder checked = (token) -> decoder.decode(token).onErrorMap(IllegalStateException.class,
				(ex) -> new JwtException("cannot verify the token now: " + ((ex.getCause() != null)
						? ex.getCause().getMessage() : ex.getMessage()), ex));
		return new CachingJwtDecoder(checked, Clock.systemUTC(), 4096);
	}

	/**
	 * Fetches the public keys once the service is up, so the first call that carries a token (often the
	 * manager's 1 s health probe of a node that just registered) does not wait for the fetch.
	 */
	@Bean
	ApplicationListener<ApplicationReadyEvent> managerKeysPrefetch(ManagerKeys keys, SecurityProperties properties) {
		return (event) -> {
			if (properties.enabled()) {
				keys.prefetch();
			}
		};
	}

	@Bean
	@ConditionalOnMissingBean
	TokenSource tokenSource(WebClient.Builder builder, ManagerProperties manager, SecurityProperties properties,
			ObjectProvider<TokenSubject> subjects, ObjectProvider<NodeRegistrar> registrars, ClusterHttpClients http) {
		return new ManagerTokenSource(builder, http.create(),
				managerUris(properties.tokenUri(), manager, "/api/v1/auth/token"), properties, manager.timeout(),
				Clock.systemUTC(), ownSubject(subjects, registrars));
	}

	/**
	 * A service's own subject (a peer's host id) first, else the node id it registers under. Which bean
	 * answers is looked up once, on first use: the token source asks on every outgoing call, and a bean
	 * factory lookup each time was 1.4% of a downloading peer's CPU. Its answer is asked each time, since
	 * a subject becomes known (and may change) after start.
	 */
	static TokenSubject ownSubject(ObjectProvider<TokenSubject> subjects, ObjectProvider<NodeRegistrar> registrars) {
		SingletonSupplier<TokenSubject> source = SingletonSupplier.of(() -> {
			TokenSubject own = subjects.getIfUnique();
			if (own != null) {
				return own;
			}
			NodeRegistrar registrar = registrars.getIfUnique();
			return (registrar != null) ? registrar::nodeId : () -> null;
		});
		return () -> source.obtain().subject();
	}

	/** The configured URI, else that path on every manager, in the order the manager client tries them. */
	static List<String> managerUris(@Nullable URI configured, ManagerProperties manager, String path) {
		if (configured != null) {
			return List.of(configured.toString());
		}
		return manager.endpoints().stream().map((url) -> url.toString().replaceAll("/+$", "") + path).toList();
	}

	@Bean
	@ConditionalOnMissingBean
	BearerTokenFilter bearerTokenFilter(TokenSource tokens, SecurityProperties properties) {
		return properties.enabled() ? new BearerTokenFilter(tokens) : new BearerTokenFilter(Mono::empty);
	}

	/**
	 * Spring Security's firewall refuses hostile paths ({@code ..}, encoded {@code /}) before any handler
	 * sees them; the refusal is a 400 problem like every other bad input, not an empty body.
	 */
	@Bean
	@ConditionalOnMissingBean
	ServerExchangeRejectedHandler problemOnRejectedPath() {
		return (exchange, ex) -> SecurityProblems.write(exchange, HttpStatus.BAD_REQUEST, ProblemTypes.INVALID_REQUEST,
				"the request path was refused (no '..', encoded '/' or other ambiguous path segments): "
						+ ex.getMessage());
	}

	/** Prometheus cannot refresh a short-lived token: the scrape endpoint takes a static one. */
	@Bean
	@Order(0)
	SecurityWebFilterChain metricsSecurity(ServerHttpSecurity http, SecurityProperties properties) {
		SecurityProblems problems = new SecurityProblems();
		http.securityMatcher(ServerWebExchangeMatchers.pathMatchers("/actuator/prometheus"))
			.csrf(ServerHttpSecurity.CsrfSpec::disable).httpBasic(ServerHttpSecurity.HttpBasicSpec::disable)
			.formLogin(ServerHttpSecurity.FormLoginSpec::disable).logout(ServerHttpSecurity.LogoutSpec::disable)
			.requestCache(ServerHttpSecurity.RequestCacheSpec::disable)
			.exceptionHandling((e) -> e.authenticationEntryPoint(problems).accessDeniedHandler(problems));
		if (!properties.enabled()) {
			return http.authorizeExchange((a) -> a.anyExchange().permitAll()).build();
		}
		AuthenticationWebFilter scrape = new AuthenticationWebFilter(metricsToken(properties.metricsToken()));
		scrape.setServerAuthenticationConverter(new ServerBearerTokenAuthenticationConverter());
		scrape.setAuthenticationFailureHandler((exchange, ex) -> problems.commence(exchange.getExchange(), ex));
		return http.addFilterAt(scrape, SecurityWebFiltersOrder.AUTHENTICATION)
			.authorizeExchange((a) -> a.anyExchange().hasAuthority("SCOPE_metrics"))
			.build();
	}

	@Bean
	@Order(1)
	SecurityWebFilterChain apiSecurity(ServerHttpSecurity http, SecurityProperties properties,
			ReactiveJwtDecoder decoder, ObjectProvider<AccessRules> rules) {
		SecurityProblems problems = new SecurityProblems();
		http.csrf(ServerHttpSecurity.CsrfSpec::disable).httpBasic(ServerHttpSecurity.HttpBasicSpec::disable)
			.formLogin(ServerHttpSecurity.FormLoginSpec::disable).logout(ServerHttpSecurity.LogoutSpec::disable)
			.requestCache(ServerHttpSecurity.RequestCacheSpec::disable)
			.exceptionHandling((e) -> e.authenticationEntryPoint(problems).accessDeniedHandler(problems));
		if (!properties.enabled()) {
			return http.authorizeExchange((a) -> a.anyExchange().permitAll()).build();
		}
		JwtGrantedAuthoritiesConverter authorities = new JwtGrantedAuthoritiesConverter();
		authorities.setAuthoritiesClaimName("role");
		authorities.setAuthorityPrefix("ROLE_");
		JwtAuthenticationConverter converter = new JwtAuthenticationConverter();
		converter.setJwtGrantedAuthoritiesConverter(authorities);
		http.oauth2ResourceServer((o) -> o.authenticationEntryPoint(problems).accessDeniedHandler(problems)
			.authenticationFailureHandler((exchange, ex) -> (ex instanceof AuthenticationServiceException)
					? SecurityProblems.write(exchange.getExchange(), HttpStatus.SERVICE_UNAVAILABLE, ProblemTypes.UNAVAILABLE,
							ex.getMessage())
					: problems.commence(exchange.getExchange(), ex))
			.jwt((jwt) -> jwt.jwtDecoder(decoder)
				.jwtAuthenticationConverter(new ReactiveJwtAuthenticationConverterAdapter(converter))));
		return http.authorizeExchange((a) -> {
			// Orchestrators probe these without credentials; details show only to manager and admin.
			a.pathMatchers(HttpMethod.GET, "/actuator/health", "/actuator/health/liveness",
					"/actuator/health/readiness")
				.permitAll();
			a.pathMatchers("/actuator/**").hasAnyRole(Role.ids(Role.ADMIN, Role.MANAGER));
			rules.orderedStream().forEach((r) -> r.apply(a));
			a.anyExchange().authenticated();
		}).build();
	}

	private static ReactiveAuthenticationManager metricsToken(@Nullable String configured) {
		byte[] expected = (configured != null && !configured.isBlank())
				? configured.trim().getBytes(StandardCharsets.UTF_8) : null;
		return (authentication) -> {
			String offered = ((BearerTokenAuthenticationToken) authentication).getToken();
			if (expected == null || !MessageDigest.isEqual(expected, offered.getBytes(StandardCharsets.UTF_8))) {
				return Mono.error(new BadCredentialsException("not the metrics scrape token"));
			}
			return Mono.just(UsernamePasswordAuthenticationToken.authenticated("prometheus", null,
					List.of(new SimpleGrantedAuthority("SCOPE_metrics"))));
		};
	}

}
