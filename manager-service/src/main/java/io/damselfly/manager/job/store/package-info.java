/** Where jobs live (Redis) and how one manager claims a job so that no other runs it. */
@NullMarked
package io.damselfly.manager.job.store;

import org.jspecify.annotations.NullMarked;
