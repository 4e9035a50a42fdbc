/**
 * Configuration records and the cluster config fetched from the manager.
 */
@NullMarked
package io.damselfly.scheduler.config;

import org.jspecify.annotations.NullMarked;
