import { sumSpecCounts } from './specSummary';

/** Prints the spec validation summary of the whole run, and fails the run on any violation. */
export default function globalTeardown(): void {
	const summary = sumSpecCounts();
	if (!summary) return;
	const { files, total } = summary;
	process.stdout.write(
		`\nspec validation: ${total.requests} requests, ${total.responses} responses checked against dev/diga-api/openapi.json ` +
			`(${total.unjudged} scripted-fault or unmatched answers not checked) in ${files} test files, ${total.violations} violations\n`,
	);
	if (total.violations > 0) throw new Error(`spec validation: ${total.violations} violations (see the failed tests)`);
}
