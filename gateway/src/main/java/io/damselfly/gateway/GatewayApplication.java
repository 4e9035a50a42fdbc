package io.damselfly.gateway;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.EnableConfigurationProperties;

/**
 * The Damselfly gateway: Spring Cloud Gateway in front of the manager and the pool of active schedulers
 * (docs/architecture.md#components, #failure-detection-and-ejection).
 */
@SpringBootApplication
@EnableConfigurationProperties(DamselflyGatewayProperties.class)
public class GatewayApplication {

	public static void main(String[] args) {
		SpringApplication.run(GatewayApplication.class, args);
	}

}
