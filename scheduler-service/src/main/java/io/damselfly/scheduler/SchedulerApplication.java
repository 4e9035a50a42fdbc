package io.damselfly.scheduler;

import io.damselfly.scheduler.host.HostBreakerProperties;
import io.damselfly.scheduler.config.SchedulerProperties;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.EnableConfigurationProperties;

/** Entry point of the scheduler service. */
@SpringBootApplication
@EnableConfigurationProperties({ SchedulerProperties.class, HostBreakerProperties.class })
public class SchedulerApplication {

	public static void main(String[] args) {
		SpringApplication.run(SchedulerApplication.class, args);
	}

}
