package io.damselfly.manager.registry.api;

import java.net.URI;
import java.util.List;

import io.damselfly.common.id.Ids;
import io.damselfly.common.node.Node;
import io.damselfly.common.node.NodeRegistration;
import io.damselfly.manager.registry.NodeRegistry;
import io.damselfly.service.web.ApiException;
import jakarta.validation.Valid;
import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Mono;

import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code /api/v1/nodes}: schedulers and seed peers register, keep alive and leave; clients list them.
 * Validates ids and bodies, then delegates to the {@link NodeRegistry}.
 */
@RestController
@RequestMapping("/api/v1/nodes")
public class NodeController {

	private static final String NODE_ID = "node id";

	private final NodeRegistry registry;

	public NodeController(NodeRegistry registry) {
		this.registry = registry;
	}

	/** 201 with the node on first registration, 200 when it was already known. */
	@PostMapping
	public Mono<ResponseEntity<Node>> register(@Valid @RequestBody NodeRegistration registration) {
		String nodeId = registration.nodeId();
		if (!Ids.isNameId(nodeId)) {
			throw ApiException.badRequest("type, host and port give the node id '" + clip(nodeId)
					+ "', which is not a valid id (1-128 characters of [A-Za-z0-9._-], no '..'): use a shorter host");
		}
		return NodeTypeGuard.check(registration.type()).then(registry.register(registration))
			.map((registered) -> registered.created()
					? ResponseEntity.created(URI.create("/api/v1/nodes/" + nodeId)).body(registered.node())
					: ResponseEntity.ok(registered.node()));
	}

	@PostMapping("/{id}/keepalive")
	public Mono<Node> keepalive(@PathVariable String id) {
		Ids.requireNameId(NODE_ID, id);
		return registry.keepalive(id).switchIfEmpty(Mono.error(() -> ApiException
			.notFound("node '" + id + "' is not registered (or its record expired): register it again")));
	}

	/** Nodes sorted by id; each filter is optional. */
	@GetMapping
	public Mono<List<Node>> list(@RequestParam(required = false) @Nullable String type,
			@RequestParam(required = false) @Nullable String state,
			@RequestParam(required = false) @Nullable String cluster) {
		return registry.list(NodeQuery.parse(type, state, cluster));
	}

	@GetMapping("/{id}")
	public Mono<Node> get(@PathVariable String id) {
		Ids.requireNameId(NODE_ID, id);
		return registry.find(id)
			.switchIfEmpty(Mono.error(() -> ApiException.notFound("node '" + id + "' is not registered")));
	}

	/** Idempotent: a node that leaves twice, or was never known, still gets 204. */
	@DeleteMapping("/{id}")
	@ResponseStatus(HttpStatus.NO_CONTENT)
	public Mono<Void> delete(@PathVariable String id) {
		Ids.requireNameId(NODE_ID, id);
		return registry.remove(id).then();
	}

	private static String clip(String value) {
		return (value.length() <= 80) ? value : value.substring(0, 77) + "...";
	}

}
