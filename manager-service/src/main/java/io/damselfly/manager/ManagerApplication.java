package io.damselfly.manager;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;

/**
 * The manager: the cluster registry that schedulers and seed peers register with and keep alive, the
 * active probe that ejects the sick ones and re-admits them when they recover, and the holder of each
 * cluster's scheduling config. Node states live in Redis, so a restarted manager forgets nothing and keeps
 * an ejected node ejected until it passes probation.
 */
@SpringBootApplication
public class ManagerApplication {

	public static void main(String[] args) {
		SpringApplication.run(ManagerApplication.class, args);
	}

}
