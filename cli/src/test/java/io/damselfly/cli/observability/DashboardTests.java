package io.damselfly.cli.observability;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The provisioned Grafana dashboard is a well-formed dashboard whose every query names a metric the
 * services register (meter names found in the main sources), and Prometheus scrapes every service.
 */
class DashboardTests {

	private static final Pattern METER = Pattern.compile("\"(damselfly(?:\\.[a-z]+)+)\"");

	private static final Pattern QUERIED = Pattern.compile("\\b(damselfly_[a-z_]+|resilience4j_[a-z_]+)");

	private static final List<String> SUFFIXES = List.of("", "_total", "_seconds", "_seconds_bucket", "_seconds_count",
			"_seconds_sum", "_bytes_total");

	@Test
	void dashboardHasPanelsWhoseQueriesNameRegisteredMeters() throws IOException {
		Path root = root();
		JsonNode dashboard = JsonMapper.builder().build()
			.readTree(Files.readString(root.resolve("observability/grafana/dashboards/damselfly.json")));
		assertThat(dashboard.path("uid").asString()).isEqualTo("damselfly");
		assertThat(dashboard.path("title").asString()).isNotBlank();
		assertThat(dashboard.path("panels").size()).isGreaterThanOrEqualTo(6);
		Set<String> meters = meters(root);
		Set<Integer> ids = new HashSet<>();
		List<String> queried = new ArrayList<>();
		for (JsonNode panel : dashboard.path("panels")) {
			assertThat(ids.add(panel.path("id").asInt())).as("panel ids are unique").isTrue();
			assertThat(panel.path("title").asString()).isNotBlank();
			assertThat(panel.path("gridPos").path("w").asInt()).isBetween(1, 24);
			assertThat(panel.path("targets").size()).as(panel.path("title").asString() + " has queries").isPositive();
			for (JsonNode target : panel.path("targets")) {
				assertThat(target.path("datasource").path("uid").asString()).isEqualTo("prometheus");
				Matcher m = QUERIED.matcher(target.path("expr").asString());
				while (m.find()) {
					queried.add(m.group(1));
				}
			}
		}
		assertThat(queried).contains("damselfly_traffic_bytes_total", "damselfly_scheduler_back_to_source_total",
				"damselfly_scheduler_filtered_candidates_total", "damselfly_scheduler_schedule_seconds_bucket");
		for (String name : queried) {
			boolean known = name.startsWith("resilience4j_circuitbreaker_")
					|| meters.stream().anyMatch((meter) -> SUFFIXES.stream().anyMatch((s) -> name.equals(meter + s)));
			assertThat(known).as(name + " is a meter some service registers (" + meters + ")").isTrue();
		}
	}

	@Test
	void prometheusScrapesEveryServiceOnItsActuator() throws IOException {
		String config = Files.readString(root().resolve("observability/prometheus.yml"));
		assertThat(config).contains("metrics_path: /actuator/prometheus");
		for (String target : List.of("manager:8081", "scheduler-1:8082", "seed-1:8090", "peer-1:8100", "gateway:8080")) {
			assertThat(config).contains("\"" + target + "\"");
		}
		assertThat(Files.readString(root().resolve("docker-compose.yml"))).contains("profiles: [observability]")
			.contains("./observability/grafana/dashboards:/var/lib/grafana/dashboards");
	}

	/** Meter names registered in the services' main sources, as Prometheus spells them (without suffix). */
	private static Set<String> meters(Path root) throws IOException {
		Set<String> names = new HashSet<>();
		for (String module : List.of("manager-service", "scheduler-service", "seed-peer-service", "gateway")) {
			try (Stream<Path> files = Files.walk(root.resolve(module).resolve("src/main/java"))) {
				for (Path file : files.filter((f) -> f.toString().endsWith(".java")).toList()) {
					Matcher m = METER.matcher(Files.readString(file));
					while (m.find()) {
						names.add(m.group(1).replace('.', '_'));
					}
				}
			}
		}
		return names;
	}

	private static Path root() {
		Path dir = Path.of("").toAbsolutePath();
		while (dir != null && !Files.exists(dir.resolve("docker-compose.yml"))) {
			dir = dir.getParent();
		}
		assertThat(dir).as("repository root above the working directory").isNotNull();
		return dir;
	}

}
