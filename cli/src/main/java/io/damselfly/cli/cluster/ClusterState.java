package io.damselfly.cli.cluster;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import tools.jackson.core.JacksonException;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.json.JsonMapper;

/**
 * The run directory's {@code cluster.json}: which nodes were started, where, with which pid. Written
 * atomically (temp file + rename) so an interrupted write never leaves a torn file.
 *
 * @param managerUrl the manager's URL
 * @param gatewayUrl the gateway's URL
 * @param redisUrl the Redis the cluster uses
 * @param nodes the nodes
 * @param tls whether the services serve HTTPS with the run directory's certificate
 * ({@link ClusterPlan#certificate()}), which the CLI then trusts
 */
public record ClusterState(String managerUrl, String gatewayUrl, String redisUrl, List<NodeRecord> nodes,
		boolean tls) {

	/** The state of a cluster that serves plain HTTP. */
	public ClusterState(String managerUrl, String gatewayUrl, String redisUrl, List<NodeRecord> nodes) {
		this(managerUrl, gatewayUrl, redisUrl, nodes, false);
	}

	/** Tolerant: a state file written by an older version (fewer fields) or a newer one (more) still loads. */
	private static final JsonMapper JSON = JsonMapper.builder()
		.disable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
		.disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
		.build();

	public static final String FILE = "cluster.json";

	public static Optional<ClusterState> load(Path runDir) {
		Path file = runDir.resolve(FILE);
		if (!Files.exists(file)) {
			return Optional.empty();
		}
		try {
			return Optional.of(JSON.readValue(file.toFile(), ClusterState.class));
		}
		catch (JacksonException ex) {
			throw new IllegalStateException("cannot read the cluster state " + file + " (" + ex.getOriginalMessage()
					+ "): stop what it lists with `./damselfly down`, or delete it if nothing runs", ex);
		}
	}

	public void save(Path runDir) {
		try {
			Files.createDirectories(runDir);
			Path tmp = runDir.resolve(FILE + ".tmp");
			JSON.writerWithDefaultPrettyPrinter().writeValue(tmp.toFile(), this);
			Files.move(tmp, runDir.resolve(FILE), StandardCopyOption.REPLACE_EXISTING,
					StandardCopyOption.ATOMIC_MOVE);
		}
		catch (IOException ex) {
			throw new UncheckedIOException("cannot write " + runDir.resolve(FILE), ex);
		}
	}

	public Optional<NodeRecord> node(String name) {
		return nodes.stream().filter((n) -> n.name().equals(name)).findFirst();
	}

	public ClusterState with(NodeRecord updated) {
		List<NodeRecord> copy = new ArrayList<>();
		for (NodeRecord node : nodes) {
			copy.add(node.name().equals(updated.name()) ? updated : node);
		}
		return new ClusterState(managerUrl, gatewayUrl, redisUrl, copy, tls);
	}

	public List<NodeRecord> ofKind(NodeKind kind) {
		return nodes.stream().filter((n) -> n.kind() == kind).toList();
	}

}
