package io.damselfly.gateway;

import io.damselfly.testsupport.docs.SettingsReference;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every `damselfly.*` setting this service binds is in docs/operations.md#settings with its default, and
 * the guide lists no setting of this service that no longer exists.
 */
class SettingsDocumentedTests {

	@Test
	void everySettingOfThisServiceIsInTheOperationsGuideWithItsDefault() {
		SettingsReference reference = SettingsReference.load();
		assertThat(reference.settings()).extracting(SettingsReference.Setting::key)
			.as("the scan finds this service's records")
			.contains("damselfly.gateway.routes.schedulers.retries", "damselfly.gateway.breaker.sliding-window-size", "damselfly.manager.url",
					"damselfly.gateway.rate-limit.burst-capacity");
		assertThat(reference.problems()).as("docs/operations.md out of step with the code").isEmpty();
	}

}
