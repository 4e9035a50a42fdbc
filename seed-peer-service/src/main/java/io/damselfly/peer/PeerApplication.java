package io.damselfly.peer;

import java.time.Clock;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;
import org.springframework.context.annotation.Bean;

/**
 * The peer daemon: stores, serves, downloads and verifies pieces, in seed or normal mode. Each feature
 * package wires itself ({@code *Configuration} beside its property records); nothing here knows them all.
 */
@SpringBootApplication
@ConfigurationPropertiesScan
public class PeerApplication {

	@Bean
	Clock clock() {
		return Clock.systemUTC();
	}

	public static void main(String[] args) {
		SpringApplication.run(PeerApplication.class, args);
	}

}
