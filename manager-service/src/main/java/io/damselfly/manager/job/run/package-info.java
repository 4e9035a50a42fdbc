/** Running a claimed job: targets in stages, downloads on each node, progress stored as it goes. */
@NullMarked
package io.damselfly.manager.job.run;

import org.jspecify.annotations.NullMarked;
