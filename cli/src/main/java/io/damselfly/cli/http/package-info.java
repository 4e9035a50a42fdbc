/**
 * The CLI's HTTP clients of the peer daemon, the manager and the schedulers.
 */
@NullMarked
package io.damselfly.cli.http;

import org.jspecify.annotations.NullMarked;
