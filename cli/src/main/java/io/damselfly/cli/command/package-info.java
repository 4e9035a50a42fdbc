/**
 * The picocli subcommands; each is thin and delegates to cluster, http or demo.
 */
@NullMarked
package io.damselfly.cli.command;

import org.jspecify.annotations.NullMarked;
