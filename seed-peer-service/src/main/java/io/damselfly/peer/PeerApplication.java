package io.damselfly.peer;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;

/**
 * The peer daemon: stores, serves, downloads and verifies pieces, in seed or normal mode.
 */
@SpringBootApplication
@ConfigurationPropertiesScan
public class PeerApplication {

	public static void main(String[] args) {
		SpringApplication.run(PeerApplication.class, args);
	}

}
