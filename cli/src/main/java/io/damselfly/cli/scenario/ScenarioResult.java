package io.damselfly.cli.scenario;

import java.util.List;
import java.util.Map;

/**
 * What a scenario measured and which of its expectations held.
 *
 * @param name scenario name
 * @param figures measured values, in the order recorded
 * @param checks each expectation and whether it held
 */
public record ScenarioResult(String name, Map<String, String> figures, List<Check> checks) {

	public boolean passed() {
		return !checks.isEmpty() && checks.stream().allMatch(Check::ok);
	}

	public List<Check> failures() {
		return checks.stream().filter((c) -> !c.ok()).toList();
	}

	/**
	 * One expectation.
	 *
	 * @param ok whether it held
	 * @param what what was expected, with the observed value
	 */
	public record Check(boolean ok, String what) {
	}

}
