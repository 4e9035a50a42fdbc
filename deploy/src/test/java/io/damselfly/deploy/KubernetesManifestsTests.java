package io.damselfly.deploy;

import java.beans.Introspector;
import java.beans.PropertyDescriptor;
import java.lang.reflect.Method;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.Namespace;
import io.fabric8.kubernetes.api.model.PodTemplateSpec;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.apps.DaemonSet;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.StatefulSet;
import io.fabric8.kubernetes.api.model.policy.v1.PodDisruptionBudget;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The Kubernetes manifests, validated offline (docs/kubernetes.md): the base and every overlay are
 * rendered ({@link Kustomize}), every object is bound to its class of the Kubernetes object model
 * (fabric8) with no field the model does not know, and the properties the deployment relies on are
 * checked: probes, requests and limits, three schedulers with a disruption budget, seeds with volume
 * claims, peers with the proxy on the host port and the cache on the host, secrets as placeholders, Redis
 * as an external service, and every reference (config, secret, selector, named port) resolving. When
 * {@code kubectl} is on the PATH, its own {@code kubectl kustomize} must render the same objects.
 */
class KubernetesManifestsTests {

	/** The environment variables the security settings bind to (docs/operations.md, relaxed binding). */
	static final Set<String> SETTINGS = Set.of("DAMSELFLY_SECURITY_ISSUER_ADMIN_SECRET",
			"DAMSELFLY_SECURITY_ISSUER_SCHEDULER_SECRET", "DAMSELFLY_SECURITY_ISSUER_SEED_SECRET",
			"DAMSELFLY_SECURITY_ISSUER_PEER_SECRET", "DAMSELFLY_SECURITY_ISSUER_GATEWAY_SECRET",
			"DAMSELFLY_SECURITY_ISSUER_SIGNING_KEY", "DAMSELFLY_SECURITY_ISSUER_PUBLIC_KEY",
			"DAMSELFLY_SECURITY_JOIN_SECRET", "DAMSELFLY_SECURITY_METRICS_TOKEN");

	private static final Path ROOT = Path.of("kubernetes");

	private static final Map<String, Class<? extends HasMetadata>> KINDS = Map.of("Namespace", Namespace.class,
			"ConfigMap", ConfigMap.class, "Secret", Secret.class, "Service", Service.class, "Deployment",
			Deployment.class, "StatefulSet", StatefulSet.class, "DaemonSet", DaemonSet.class, "PodDisruptionBudget",
			PodDisruptionBudget.class);

	private static final ObjectMapper STRICT = JsonMapper.builder()
		.enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
		.enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
		.build();

	static Stream<String> kustomizations() {
		return Stream.of("base", "overlays/local");
	}

	@ParameterizedTest(name = "{0}")
	@MethodSource("kustomizations")
	void rendersToStrictlyValidObjects(String dir) throws Exception {
		List<ObjectNode> rendered = Kustomize.render(ROOT.resolve(dir));
		List<HasMetadata> objects = new ArrayList<>();
		for (ObjectNode node : rendered) {
			String kind = node.path("kind").asText();
			assertThat(KINDS).as("a kind this test knows").containsKey(kind);
			HasMetadata object = STRICT.treeToValue(node, KINDS.get(kind));
			assertThat(unknownFields(object, "", new IdentityHashMap<>()))
				.as(kind + "/" + object.getMetadata().getName() + " fields the Kubernetes model does not know").isEmpty();
			assertThat(object.getApiVersion()).as(kind + " apiVersion").isEqualTo(node.path("apiVersion").asText())
				.isIn("v1", "apps/v1", "policy/v1");
			objects.add(object);
		}
		Manifests manifests = new Manifests(objects);
		manifests.checkWorkloads();
		manifests.checkReferences();
		manifests.checkPlacement();
		if (dir.equals("overlays/local")) {
			assertThat(manifests.one(Service.class, "redis").getSpec().getExternalName()).isEqualTo("host.docker.internal");
			assertThat(manifests.one(StatefulSet.class, "seed").getSpec().getReplicas()).isEqualTo(1);
			manifests.containers().forEach((c) -> assertThat(c.getImage()).endsWith(":local"));
		}
		sameAsKubectl(dir, rendered);
	}

	/** kubectl's own Kustomize, when installed, must render the same objects as the renderer here. */
	private static void sameAsKubectl(String dir, List<ObjectNode> rendered) throws Exception {
		if (!onPath("kubectl")) {
			System.out.println("kubectl not on the PATH: the offline renderer alone validated " + dir);
			return;
		}
		Process kubectl = new ProcessBuilder("kubectl", "kustomize", ROOT.resolve(dir).toString())
			.redirectErrorStream(true).start();
		byte[] out = kubectl.getInputStream().readAllBytes();
		assertThat(kubectl.waitFor(60, TimeUnit.SECONDS)).isTrue();
		assertThat(kubectl.exitValue()).as(new String(out)).isZero();
		Path file = Files.createTempFile("kustomize", ".yaml");
		Files.write(file, out);
		List<Object> theirs = Kustomize.read(file).stream().map((n) -> (Object) n).sorted(KubernetesManifestsTests::byId)
			.toList();
		List<Object> ours = rendered.stream().map((n) -> (Object) n).sorted(KubernetesManifestsTests::byId).toList();
		assertThat(ours).as("rendered here vs kubectl kustomize " + dir).isEqualTo(theirs);
	}

	private static int byId(Object a, Object b) {
		return id((ObjectNode) a).compareTo(id((ObjectNode) b));
	}

	private static String id(ObjectNode node) {
		return node.path("kind").asText() + "/" + node.path("metadata").path("name").asText();
	}

	private static boolean onPath(String tool) {
		String path = System.getenv("PATH");
		return path != null && Stream.of(path.split(":")).anyMatch((d) -> Files.isExecutable(Path.of(d, tool)));
	}

	/** Paths of every {@code additionalProperties} entry in the object graph: fields the model did not know. */
	static List<String> unknownFields(Object object, String path, IdentityHashMap<Object, Boolean> seen)
			throws Exception {
		List<String> unknown = new ArrayList<>();
		if (object == null || seen.containsKey(object)) {
			return unknown;
		}
		if (object instanceof List<?> list) {
			for (int i = 0; i < list.size(); i++) {
				unknown.addAll(unknownFields(list.get(i), path + "[" + i + "]", seen));
			}
			return unknown;
		}
		if (object instanceof Map<?, ?> map) {
			for (Map.Entry<?, ?> e : map.entrySet()) {
				unknown.addAll(unknownFields(e.getValue(), path + "." + e.getKey(), seen));
			}
			return unknown;
		}
		if (!object.getClass().getName().startsWith("io.fabric8.kubernetes.api.model") || object instanceof Quantity) {
			return unknown;
		}
		seen.put(object, true);
		for (PropertyDescriptor property : Introspector.getBeanInfo(object.getClass()).getPropertyDescriptors()) {
			Method getter = property.getReadMethod();
			if (getter == null || getter.getParameterCount() > 0 || property.getName().equals("class")) {
				continue;
			}
			Object value = getter.invoke(object);
			if (property.getName().equals("additionalProperties") && value instanceof Map<?, ?> extra) {
				extra.keySet().forEach((k) -> unknown.add(path + "." + k));
			}
			else {
				unknown.addAll(unknownFields(value, path + "." + property.getName(), seen));
			}
		}
		return unknown;
	}

	/** The checks on a rendered set of objects. */
	record Manifests(List<HasMetadata> objects) {

		<T extends HasMetadata> List<T> all(Class<T> type) {
			return objects.stream().filter(type::isInstance).map(type::cast).toList();
		}

		<T extends HasMetadata> T one(Class<T> type, String name) {
			return all(type).stream().filter((o) -> o.getMetadata().getName().equals(name)).findFirst()
				.orElseThrow(() -> new AssertionError("no " + type.getSimpleName() + " " + name));
		}

		Map<String, PodTemplateSpec> templates() {
			Map<String, PodTemplateSpec> templates = new java.util.LinkedHashMap<>();
			all(Deployment.class).forEach((d) -> templates.put("Deployment/" + d.getMetadata().getName(),
					d.getSpec().getTemplate()));
			all(StatefulSet.class).forEach((s) -> templates.put("StatefulSet/" + s.getMetadata().getName(),
					s.getSpec().getTemplate()));
			all(DaemonSet.class).forEach((d) -> templates.put("DaemonSet/" + d.getMetadata().getName(),
					d.getSpec().getTemplate()));
			return templates;
		}

		List<Container> containers() {
			return templates().values().stream().flatMap((t) -> t.getSpec().getContainers().stream()).toList();
		}

		void checkWorkloads() {
			assertThat(all(Deployment.class)).extracting((d) -> d.getMetadata().getName())
				.containsExactlyInAnyOrder("manager", "scheduler", "gateway");
			all(Deployment.class).forEach((d) -> assertThat(d.getSpec().getTemplate().getMetadata().getLabels())
				.as(d.getMetadata().getName() + " selector").containsAllEntriesOf(d.getSpec().getSelector().getMatchLabels()));
			all(StatefulSet.class).forEach((s) -> assertThat(s.getSpec().getTemplate().getMetadata().getLabels())
				.containsAllEntriesOf(s.getSpec().getSelector().getMatchLabels()));
			all(DaemonSet.class).forEach((d) -> assertThat(d.getSpec().getTemplate().getMetadata().getLabels())
				.containsAllEntriesOf(d.getSpec().getSelector().getMatchLabels()));
			templates().forEach((name, template) -> {
				for (Container c : template.getSpec().getContainers()) {
					String where = name + " container " + c.getName();
					assertThat(c.getLivenessProbe().getHttpGet().getPath()).as(where).isEqualTo("/actuator/health/liveness");
					assertThat(c.getReadinessProbe().getHttpGet().getPath()).as(where).isEqualTo("/actuator/health/readiness");
					Set<String> ports = c.getPorts().stream().map((p) -> p.getName()).collect(java.util.stream.Collectors.toSet());
					assertThat(ports).as(where + " probe port").contains(c.getLivenessProbe().getHttpGet().getPort().getStrVal(),
							c.getReadinessProbe().getHttpGet().getPort().getStrVal());
					for (String resource : List.of("cpu", "memory")) {
						Quantity request = c.getResources().getRequests().get(resource);
						Quantity limit = c.getResources().getLimits().get(resource);
						assertThat(request).as(where + " requests." + resource).isNotNull();
						assertThat(limit).as(where + " limits." + resource).isNotNull();
						assertThat(Quantity.getAmountInBytes(request)).as(where + " " + resource + " request <= limit")
							.isLessThanOrEqualTo(Quantity.getAmountInBytes(limit));
					}
				}
			});
			Deployment schedulers = one(Deployment.class, "scheduler");
			assertThat(schedulers.getSpec().getReplicas()).as("schedulers (at least 3 for high availability)")
				.isGreaterThanOrEqualTo(3);
			PodDisruptionBudget pdb = one(PodDisruptionBudget.class, "scheduler");
			assertThat(schedulers.getSpec().getTemplate().getMetadata().getLabels())
				.containsAllEntriesOf(pdb.getSpec().getSelector().getMatchLabels());
			assertThat(pdb.getSpec().getMinAvailable().getIntVal()).isBetween(1, schedulers.getSpec().getReplicas() - 1);
			assertThat(one(Deployment.class, "manager").getSpec().getReplicas()).isGreaterThanOrEqualTo(2);
		}

		void checkPlacement() {
			StatefulSet seeds = one(StatefulSet.class, "seed");
			assertThat(seeds.getSpec().getVolumeClaimTemplates()).isNotEmpty();
			String claim = seeds.getSpec().getVolumeClaimTemplates().get(0).getMetadata().getName();
			assertThat(seeds.getSpec().getTemplate().getSpec().getContainers().get(0).getVolumeMounts())
				.anySatisfy((m) -> assertThat(m.getName()).isEqualTo(claim));
			assertThat(one(Service.class, seeds.getSpec().getServiceName()).getSpec().getClusterIP()).isEqualTo("None");

			DaemonSet peers = one(DaemonSet.class, "peer");
			Container peer = peers.getSpec().getTemplate().getSpec().getContainers().get(0);
			assertThat(peer.getPorts()).anySatisfy((p) -> {
				assertThat(p.getContainerPort()).isEqualTo(65001);
				assertThat(p.getHostPort()).isEqualTo(65001);
			});
			var cache = peers.getSpec().getTemplate().getSpec().getVolumes().stream()
				.filter((v) -> v.getHostPath() != null).findFirst().orElseThrow();
			assertThat(peer.getVolumeMounts()).anySatisfy((m) -> assertThat(m.getName()).isEqualTo(cache.getName()));

			Service redis = one(Service.class, "redis");
			assertThat(redis.getSpec().getType()).isEqualTo("ExternalName");
			for (Secret secret : all(Secret.class)) {
				assertThat(secret.getMetadata().getAnnotations()).containsKey("damselfly.io/warning");
				assertThat(secret.getStringData()).isNotEmpty()
					.allSatisfy((k, v) -> assertThat(v).as("placeholder " + k).startsWith("CHANGE-ME"))
					.allSatisfy((k, v) -> assertThat(SETTINGS).as("a variable that binds to a security setting")
						.contains(k));
			}
			checkEachKindHoldsOnlyItsOwnSecret();
		}

		/**
		 * A pod sees the secrets of its own kind only: a taken-over peer must not learn the admin, seed or
		 * scheduler secret, and only managers hold the secrets they trade for tokens and the signing key.
		 */
		void checkEachKindHoldsOnlyItsOwnSecret() {
			Map<String, Set<String>> keysOf = new java.util.HashMap<>();
			all(Secret.class).forEach((secret) -> keysOf.put(secret.getMetadata().getName(),
					secret.getStringData().keySet()));
			templates().forEach((name, template) -> {
				Set<String> visible = new java.util.TreeSet<>();
				template.getSpec().getContainers().forEach((c) -> c.getEnvFrom().stream()
					.filter((from) -> from.getSecretRef() != null)
					.forEach((from) -> visible.addAll(keysOf.getOrDefault(from.getSecretRef().getName(), Set.of()))));
				if (name.equals("Deployment/manager")) {
					assertThat(visible).as(name).contains("DAMSELFLY_SECURITY_ISSUER_ADMIN_SECRET",
							"DAMSELFLY_SECURITY_ISSUER_SIGNING_KEY", "DAMSELFLY_SECURITY_ISSUER_PUBLIC_KEY");
				}
				else {
					assertThat(visible).as(name + " sees only its join secret and the scrape token")
						.containsExactly("DAMSELFLY_SECURITY_JOIN_SECRET", "DAMSELFLY_SECURITY_METRICS_TOKEN");
				}
			});
			String peerSecret = templates().get("DaemonSet/peer").getSpec().getContainers().get(0).getEnvFrom().stream()
				.filter((from) -> from.getSecretRef() != null).map((from) -> from.getSecretRef().getName())
				.filter((secret) -> !secret.equals("damselfly-metrics-token")).findFirst().orElseThrow();
			assertThat(peerSecret).isEqualTo("damselfly-peer-secret");
		}

		void checkReferences() {
			Set<String> configMaps = names(ConfigMap.class);
			Set<String> secrets = names(Secret.class);
			templates().forEach((name, template) -> template.getSpec().getContainers().forEach((c) -> c.getEnvFrom()
				.forEach((from) -> {
					if (from.getConfigMapRef() != null) {
						assertThat(configMaps).as(name + " envFrom").contains(from.getConfigMapRef().getName());
					}
					if (from.getSecretRef() != null) {
						assertThat(secrets).as(name + " envFrom").contains(from.getSecretRef().getName());
					}
				})));
			for (Service service : all(Service.class)) {
				if ("ExternalName".equals(service.getSpec().getType())) {
					continue;
				}
				Map<String, String> selector = service.getSpec().getSelector();
				List<PodTemplateSpec> selected = templates().values().stream()
					.filter((t) -> t.getMetadata().getLabels().entrySet().containsAll(selector.entrySet())).toList();
				assertThat(selected).as("pods of Service " + service.getMetadata().getName()).hasSize(1);
				Set<String> ports = selected.get(0).getSpec().getContainers().stream().flatMap((c) -> c.getPorts().stream())
					.map((p) -> p.getName()).collect(java.util.stream.Collectors.toSet());
				service.getSpec().getPorts().forEach((p) -> assertThat(ports)
					.as("Service " + service.getMetadata().getName() + " targetPort").contains(p.getTargetPort().getStrVal()));
			}
			String namespace = one(Namespace.class, "damselfly").getMetadata().getName();
			objects.stream().filter((o) -> !(o instanceof Namespace))
				.forEach((o) -> assertThat(o.getMetadata().getNamespace()).as(o.getKind()).isEqualTo(namespace));
		}

		private Set<String> names(Class<? extends HasMetadata> type) {
			return all(type).stream().map((o) -> o.getMetadata().getName()).collect(java.util.stream.Collectors.toSet());
		}

	}

}
