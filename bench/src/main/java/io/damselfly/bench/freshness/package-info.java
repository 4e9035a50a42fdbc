/** What the revalidation request of fresh content costs against a loopback origin. */
@NullMarked
package io.damselfly.bench.freshness;

import org.jspecify.annotations.NullMarked;
