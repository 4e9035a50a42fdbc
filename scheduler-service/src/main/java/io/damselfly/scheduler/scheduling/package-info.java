/**
 * The scheduling decision: sampling, filters, evaluator, relaxation ladder and the service that runs one attempt.
 */
@NullMarked
package io.damselfly.scheduler.scheduling;

import org.jspecify.annotations.NullMarked;
