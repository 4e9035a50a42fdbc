package io.damselfly.deploy;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;

/**
 * Renders a kustomization offline, for the subset of Kustomize the manifests use: {@code resources}
 * (files and directories), {@code namespace}, {@code labels} (metadata only), {@code images} (new tag or
 * name) and {@code patches}, either strategic-merge documents (maps merged, lists of named items merged
 * by name, other lists replaced) or JSON 6902 operation lists ({@code add} and {@code replace}) with a
 * {@code target} kind. Anything else in a kustomization fails the rendering, so a manifest change that
 * needs more of Kustomize cannot pass unvalidated.
 */
final class Kustomize {

	static final ObjectMapper YAML = new YAMLMapper(new YAMLFactory());

	private static final Set<String> KNOWN = Set.of("apiVersion", "kind", "namespace", "labels", "resources", "images",
			"patches");

	private static final Set<String> CLUSTER_SCOPED = Set.of("Namespace");

	private Kustomize() {
	}

	/** The objects of the kustomization in {@code dir}, with every transformation applied. */
	static List<ObjectNode> render(Path dir) {
		JsonNode k = read(dir.resolve("kustomization.yaml")).get(0);
		k.fieldNames().forEachRemaining((field) -> {
			if (!KNOWN.contains(field)) {
				throw new IllegalArgumentException(dir + ": kustomization field '" + field + "' is not supported here");
			}
		});
		List<ObjectNode> objects = new ArrayList<>();
		for (JsonNode resource : k.path("resources")) {
			Path path = dir.resolve(resource.asText()).normalize();
			if (Files.isDirectory(path)) {
				objects.addAll(render(path));
			}
			else {
				read(path).forEach((doc) -> objects.add((ObjectNode) doc));
			}
		}
		for (JsonNode patch : k.path("patches")) {
			JsonNode body = read(dir.resolve(patch.path("path").asText())).get(0);
			if (body.isArray()) {
				String kind = patch.path("target").path("kind").asText();
				if (kind.isEmpty()) {
					throw new IllegalArgumentException(dir + ": a JSON 6902 patch needs a target kind");
				}
				int applied = 0;
				for (ObjectNode object : objects) {
					if (object.path("kind").asText().equals(kind)) {
						applyOperations(object, (ArrayNode) body);
						applied++;
					}
				}
				require(applied > 0, dir + ": patch " + patch + " matched nothing");
			}
			else {
				ObjectNode target = find(objects, body.path("kind").asText(), body.path("metadata").path("name").asText());
				merge(target, (ObjectNode) body);
			}
		}
		for (JsonNode image : k.path("images")) {
			for (ObjectNode object : objects) {
				for (JsonNode container : object.path("spec").path("template").path("spec").path("containers")) {
					String current = container.path("image").asText();
					String name = current.contains(":") ? current.substring(0, current.lastIndexOf(':')) : current;
					if (name.equals(image.path("name").asText())) {
						String newName = image.has("newName") ? image.path("newName").asText() : name;
						String tag = image.has("newTag") ? image.path("newTag").asText()
								: current.substring(current.lastIndexOf(':') + 1);
						((ObjectNode) container).put("image", newName + ":" + tag);
					}
				}
			}
		}
		if (k.has("namespace")) {
			objects.stream().filter((o) -> !CLUSTER_SCOPED.contains(o.path("kind").asText()))
				.forEach((o) -> ((ObjectNode) o.with("metadata")).put("namespace", k.path("namespace").asText()));
		}
		for (JsonNode label : k.path("labels")) {
			for (ObjectNode object : objects) {
				ObjectNode labels = object.with("metadata").with("labels");
				label.path("pairs").fields().forEachRemaining((e) -> labels.set(e.getKey(), e.getValue()));
			}
		}
		return objects;
	}

	static List<JsonNode> read(Path file) {
		try {
			List<JsonNode> docs = new ArrayList<>();
			try (var parser = YAML.getFactory().createParser(file.toFile())) {
				Iterator<JsonNode> it = YAML.readValues(parser, JsonNode.class);
				while (it.hasNext()) {
					JsonNode doc = it.next();
					if (doc != null && !doc.isNull() && !doc.isMissingNode()) {
						docs.add(doc);
					}
				}
			}
			return docs;
		}
		catch (IOException ex) {
			throw new UncheckedIOException("cannot read " + file, ex);
		}
	}

	private static ObjectNode find(List<ObjectNode> objects, String kind, String name) {
		return objects.stream()
			.filter((o) -> o.path("kind").asText().equals(kind) && o.path("metadata").path("name").asText().equals(name))
			.findFirst()
			.orElseThrow(() -> new IllegalArgumentException("a patch targets " + kind + "/" + name + ", which is not there"));
	}

	/** Strategic merge, as far as these manifests need it. */
	static void merge(ObjectNode target, ObjectNode patch) {
		for (Map.Entry<String, JsonNode> entry : patch.properties()) {
			JsonNode current = target.get(entry.getKey());
			JsonNode value = entry.getValue();
			if (current instanceof ObjectNode object && value instanceof ObjectNode patchObject) {
				merge(object, patchObject);
			}
			else if (current instanceof ArrayNode array && value instanceof ArrayNode patchArray && named(array)
					&& named(patchArray)) {
				for (JsonNode item : patchArray) {
					JsonNode match = null;
					for (JsonNode existing : array) {
						if (existing.path("name").equals(item.path("name"))) {
							match = existing;
						}
					}
					if (match != null) {
						merge((ObjectNode) match, (ObjectNode) item);
					}
					else {
						array.add(item);
					}
				}
			}
			else {
				target.set(entry.getKey(), value);
			}
		}
	}

	private static boolean named(ArrayNode array) {
		if (array.isEmpty()) {
			return false;
		}
		for (JsonNode item : array) {
			if (!item.isObject() || !item.path("name").isTextual()) {
				return false;
			}
		}
		return true;
	}

	private static void applyOperations(ObjectNode object, ArrayNode operations) {
		for (JsonNode op : operations) {
			String kind = op.path("op").asText();
			require(kind.equals("replace") || kind.equals("add"), "JSON patch op '" + kind + "' is not supported here");
			String[] path = op.path("path").asText().substring(1).split("/");
			JsonNode parent = object;
			for (int i = 0; i < path.length - 1; i++) {
				parent = parent.isArray() ? parent.path(Integer.parseInt(path[i])) : parent.path(path[i]);
				require(!parent.isMissingNode(), "JSON patch path " + op.path("path").asText() + " does not exist");
			}
			String last = path[path.length - 1];
			require(!kind.equals("replace") || parent.has(last),
					"JSON patch replaces " + op.path("path").asText() + ", which does not exist");
			((ObjectNode) parent).set(last, op.path("value"));
		}
	}

	private static void require(boolean condition, String message) {
		if (!condition) {
			throw new IllegalArgumentException(message);
		}
	}

}
