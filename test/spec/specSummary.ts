import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import type { SpecCounts } from '../../dev/diga-server/specCheck';

/**
 * Jest runs test files in worker processes: each file's server saves its spec counts to a folder
 * made by the global setup, and the global teardown prints their sum, so `npm test` shows that the
 * spec judged every engine test.
 */
const DIR_VARIABLE = 'DIGA_SPEC_COUNTS_DIR';

export function saveSpecCounts(counts: SpecCounts): void {
	const dir = process.env[DIR_VARIABLE];
	if (!dir) return; // not under `jest` with the global setup (e.g. one file run by an editor plugin)
	writeFileSync(join(dir, `${process.pid}-${Date.now()}-${Math.random().toString(36).slice(2)}.json`), JSON.stringify(counts));
}

export function startSpecCounts(): void {
	process.env[DIR_VARIABLE] = mkdtempSync(join(tmpdir(), 'diga-spec-counts-'));
}

export function sumSpecCounts(): { files: number; total: SpecCounts } | undefined {
	const dir = process.env[DIR_VARIABLE];
	if (!dir) return undefined;
	const files = readdirSync(dir).map((name) => JSON.parse(readFileSync(join(dir, name), 'utf8')) as SpecCounts);
	rmSync(dir, { recursive: true, force: true });
	const total: SpecCounts = { requests: 0, responses: 0, unjudged: 0, violations: 0 };
	for (const counts of files) for (const key of Object.keys(total) as Array<keyof SpecCounts>) total[key] += counts[key];
	return { files: files.length, total };
}
