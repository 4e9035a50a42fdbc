/**
 * Checks that keep the documentation in step with the code: the operations guide's settings tables
 * against the {@code @ConfigurationProperties} records of each service, the configuration metadata IDEs
 * read against the same records, and the sample configurations of {@code docs/config} against that
 * metadata.
 */
@NullMarked
package io.damselfly.testsupport.docs;

import org.jspecify.annotations.NullMarked;
