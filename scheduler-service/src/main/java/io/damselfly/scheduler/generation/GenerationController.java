package io.damselfly.scheduler.generation;

import io.damselfly.common.id.Ids;
import io.damselfly.common.task.UrlGeneration;
import io.damselfly.service.web.ApiException;
import reactor.core.publisher.Mono;

import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;

/** The latest confirmed content generation of a URL, by the URL's base task id. */
@RestController
public class GenerationController {

	private final Generations generations;

	public GenerationController(Generations generations) {
		this.generations = generations;
	}

	@GetMapping("/api/v1/urls/{baseId}/generation")
	public Mono<UrlGeneration> latest(@PathVariable String baseId) {
		String id = Ids.requireTaskId(baseId);
		return generations.latest(id).switchIfEmpty(Mono.error(() -> ApiException
			.notFound("no generation of url task " + id + " was confirmed with its origin within the task TTL")));
	}

}
