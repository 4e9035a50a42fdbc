package io.damselfly.manager;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;

/**
 * The manager: the cluster registry that schedulers and seed peers register with and keep alive, and
 * the holder of each cluster's scheduling config. It keeps no state of its own; everything lives in
 * Redis, so a restarted manager forgets nothing.
 */
@SpringBootApplication
public class ManagerApplication {

	public static void main(String[] args) {
		SpringApplication.run(ManagerApplication.class, args);
	}

}
