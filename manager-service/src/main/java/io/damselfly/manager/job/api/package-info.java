/** The jobs HTTP API: {@code POST /api/v1/jobs} and {@code GET /api/v1/jobs/{id}}. */
@NullMarked
package io.damselfly.manager.job.api;

import org.jspecify.annotations.NullMarked;
