/**
 * Checks that keep the documentation in step with the code: the operations guide's settings tables
 * against the {@code @ConfigurationProperties} records of each service.
 */
@NullMarked
package io.damselfly.testsupport.docs;

import org.jspecify.annotations.NullMarked;
