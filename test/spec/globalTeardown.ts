import { specSummary } from '../../dev/diga-server/specCheck';
import { sumSpecCounts } from './specSummary';

/** Prints the spec validation summary of the whole run, and fails the run on any violation. */
export default function globalTeardown(): void {
	const summary = sumSpecCounts();
	if (!summary) return;
	const { files, total } = summary;
	process.stdout.write(`\n${specSummary(total, ` in ${files} test files`)}\n`);
	if (total.violations > 0) throw new Error(`spec validation: ${total.violations} violations (see the failed tests)`);
}
