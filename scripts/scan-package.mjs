// The two lint legs of n8n's package scanner (@n8n/scan-community-package, the gate for verified
// community nodes), run locally. Usage: node scripts/scan-package.mjs [source folder] [unpacked tarball folder]
// (by default this repository, and a fresh `npm pack` of it: run `npm run build` first, as `npm run scan` does).
//
// The real scanner (`npx @n8n/scan-community-package n8n-nodes-diga`) first downloads the package
// from npm, checks its provenance, and fetches the attested source commit from GitHub. Those steps
// need the registry and GitHub, so they are skipped here; everything after them is the scanner's own
// code: `analyzePackage` with its file patterns (source: package.json and nodes/credentials; tarball:
// the JavaScript and package.json), its rule sets, inline eslint comments ignored. `analyzePackage`
// passes on warnings, so each leg is also linted with the scanner's `buildScanConfig` to count them:
// this package allows none. Prints each leg's verdict and problems; exits 1 if either leg has any.
import { execFileSync } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

import glob from 'fast-glob';
import { ESLint } from 'eslint';
import { analyzePackage, buildScanConfig, SOURCE_FILE_PATTERNS } from '@n8n/scan-community-package/scanner/scanner.mjs';

const root = dirname(dirname(fileURLToPath(import.meta.url)));

/** `npm pack` into a temporary folder, unpacked: what `npm publish` would upload. */
function packFresh() {
	const dir = mkdtempSync(join(tmpdir(), 'diga-scan-'));
	const [{ filename }] = JSON.parse(execFileSync('npm', ['pack', '--json', '--pack-destination', dir], { cwd: root, encoding: 'utf8' }));
	execFileSync('tar', ['-xzf', join(dir, filename), '-C', dir]);
	return join(dir, 'package');
}

const sourceDir = process.argv[2] ?? root;
const tarballDir = process.argv[3] ?? packFresh();

/** One leg: the scanner's verdict, then every error and warning with the scanner's own config. */
async function scanLeg(label, dir, patterns) {
	const verdict = await analyzePackage(dir, patterns);
	const eslint = new ESLint({ cwd: dir, allowInlineConfig: false, overrideConfigFile: true, overrideConfig: await buildScanConfig() });
	const files = glob.sync(patterns, { cwd: dir, absolute: true, ignore: ['node_modules/**', '**/package-lock.json'] });
	const results = await eslint.lintFiles(files);
	const errors = results.reduce((sum, result) => sum + result.errorCount, 0);
	const warnings = results.reduce((sum, result) => sum + result.warningCount, 0);
	console.log(`${label}: ${verdict.passed ? 'passed' : `FAILED (${verdict.message})`}, ${files.length} files, ${errors} errors, ${warnings} warnings`);
	for (const result of results) {
		for (const message of result.messages) {
			console.log(`  ${result.filePath.slice(dir.length + 1)}:${message.line} ${message.ruleId ?? ''} ${message.message}`);
		}
	}
	return verdict.passed && errors + warnings === 0;
}

const sourcePassed = await scanLeg('source', sourceDir, SOURCE_FILE_PATTERNS);
const tarballPassed = await scanLeg('tarball', tarballDir, ['**/*.js', 'package.json']);
process.exit(sourcePassed && tarballPassed ? 0 : 1);
