package io.damselfly.peer.identity;

import java.util.Locale;
import java.util.Map;

import org.springframework.boot.EnvironmentPostProcessor;
import org.springframework.boot.SpringApplication;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.MapPropertySource;

/**
 * In seed mode, turns on the service-support node registrar as a {@code SEED_PEER}: seeds register with
 * the manager and keep alive, normal peers only announce to schedulers. The defaults go last, so an
 * explicit {@code damselfly.node.*} setting still wins.
 */
public class SeedModeEnvironmentPostProcessor implements EnvironmentPostProcessor {

	static final String SOURCE_NAME = "damselflySeedModeDefaults";

	@Override
	public void postProcessEnvironment(ConfigurableEnvironment environment, SpringApplication application) {
		String mode = environment.getProperty("damselfly.peer.mode", "normal");
		boolean seed = "seed".equals(mode.trim().toLowerCase(Locale.ROOT));
		// The role this daemon asks the manager for; its join secret must be that kind's.
		environment.getPropertySources().addLast(new MapPropertySource(SOURCE_NAME + "Role",
				Map.of("damselfly.security.role", seed ? "seed" : "peer")));
		if (!seed) {
			return;
		}
		String ip = environment.getProperty("damselfly.peer.advertise-ip", "127.0.0.1");
		environment.getPropertySources().addLast(new MapPropertySource(SOURCE_NAME, Map.of("damselfly.node.register",
				"true", "damselfly.node.type", "SEED_PEER", "damselfly.node.advertise-host", ip)));
	}

}
