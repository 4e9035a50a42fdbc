package io.damselfly.peer.serve;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * How this daemon serves pieces to its children.
 *
 * @param uploadTimeout the longest one piece upload may take: a child that reads slower is cut off and
 * its upload slot freed, so slow (or stalled) readers cannot hold the slots forever; the same bound a
 * child puts on its own piece fetches ({@code damselfly.peer.piece-timeout})
 */
@Validated
@ConfigurationProperties("damselfly.peer.serve")
public record ServeProperties(@DefaultValue("60s") Duration uploadTimeout) {
}
