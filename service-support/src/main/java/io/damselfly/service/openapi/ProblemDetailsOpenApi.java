package io.damselfly.service.openapi;

import io.swagger.v3.oas.models.Components;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.media.Content;
import io.swagger.v3.oas.models.media.IntegerSchema;
import io.swagger.v3.oas.models.media.MediaType;
import io.swagger.v3.oas.models.media.ObjectSchema;
import io.swagger.v3.oas.models.media.Schema;
import io.swagger.v3.oas.models.media.StringSchema;
import io.swagger.v3.oas.models.responses.ApiResponse;
import io.swagger.v3.oas.models.responses.ApiResponses;
import org.springdoc.core.customizers.OpenApiCustomizer;

/**
 * Documents the error answers every Damselfly endpoint can give: an RFC 9457 problem
 * ({@code application/problem+json}, schema {@code ProblemDetail}) for any 4xx and 5xx, as
 * {@code ProblemDetailsAdvice} produces them.
 */
public final class ProblemDetailsOpenApi implements OpenApiCustomizer {

	static final String SCHEMA = "ProblemDetail";

	@Override
	public void customise(OpenAPI openApi) {
		Components components = (openApi.getComponents() != null) ? openApi.getComponents() : new Components();
		openApi.setComponents(components);
		components.addSchemas(SCHEMA, new ObjectSchema().description("RFC 9457 problem details")
			.addProperty("type", new StringSchema().format("uri").description("what kind of problem"))
			.addProperty("title", new StringSchema().description("short summary of the kind"))
			.addProperty("status", new IntegerSchema().description("HTTP status"))
			.addProperty("detail", new StringSchema().description("what is wrong, in words a caller can act on"))
			.addProperty("instance", new StringSchema().format("uri").description("the request path")));
		if (openApi.getPaths() == null) {
			return;
		}
		openApi.getPaths().values().forEach((path) -> path.readOperations().forEach((operation) -> {
			ApiResponses responses = (operation.getResponses() != null) ? operation.getResponses() : new ApiResponses();
			operation.setResponses(responses);
			responses.putIfAbsent("4XX", problem("the request was refused (bad input, unknown resource, conflict)"));
			responses.putIfAbsent("5XX", problem("a dependency (Redis, a node, an origin) failed or timed out"));
		}));
	}

	private static ApiResponse problem(String description) {
		Schema<?> ref = new Schema<>().$ref("#/components/schemas/" + SCHEMA);
		return new ApiResponse().description(description)
			.content(new Content().addMediaType("application/problem+json", new MediaType().schema(ref)));
	}

}
