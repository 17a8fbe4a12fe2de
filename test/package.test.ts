/**
 * What `npm publish` would ship, checked the way n8n's verification looks at it: the tarball's
 * files and size, n8n's package scanner over the source and over the tarball, and the
 * workflows that publish it. Needs `npm run build` first (`npm test` builds before jest).
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';

import { parse as parseYaml } from 'yaml';

import packageJson from '../package.json';

const ROOT = join(__dirname, '..');

/**
 * Budgets stated in docs/development.md: the tarball as published, and unpacked. Raised from 60 / 250 kB
 * when the call resource, the trigger and the README's performance analysis (now in docs/) took it to 60 kB;
 * to 120 / 450 kB when issues 23–27 (the knowledge resources, Set Transfer Number, the Instant Trigger and
 * its state machine, escaped-secret redaction, download checks) took it to 99 / 360 kB; to 150 / 560 kB
 * when issues 32–33 (Integration and Integration Tool; agent create, copy, delete, voices, call logs
 * and traces, the live call count) took it to 132 / 512 kB.
 */
const MAX_PACKED_BYTES = 170_000;
const MAX_UNPACKED_BYTES = 650_000;

function packToTemp() {
	const dir = mkdtempSync(join(tmpdir(), 'diga-pack-'));
	const [info] = JSON.parse(execFileSync('npm', ['pack', '--json', '--pack-destination', dir], { cwd: ROOT, encoding: 'utf8' })) as Array<{
		filename: string;
		size: number;
		unpackedSize: number;
		files: Array<{ path: string }>;
	}>;
	execFileSync('tar', ['-xzf', join(dir, info.filename), '-C', dir]);
	return { info, unpacked: join(dir, 'package') };
}

const walk = (dir: string): string[] =>
	readdirSync(dir).flatMap((name) => (statSync(join(dir, name)).isDirectory() ? walk(join(dir, name)) : [join(dir, name)]));

const packed = packToTemp();
const jsFiles = walk(packed.unpacked).filter((file) => file.endsWith('.js'));

describe('the published tarball', () => {
	test('holds only dist/, package.json, README.md and LICENSE', () => {
		const paths = packed.info.files.map((f) => f.path);
		expect(paths.filter((p) => !p.startsWith('dist/'))).toEqual(['LICENSE', 'README.md', 'package.json']);
		expect(paths.filter((p) => /\.map$|\.test\.|^dist\/test|fixtures/.test(p))).toEqual([]);
		expect(paths).toEqual(expect.arrayContaining([...packageJson.n8n.nodes, ...packageJson.n8n.credentials]));
		expect(paths).toEqual(expect.arrayContaining(['dist/nodes/Diga/diga.svg', 'dist/nodes/Diga/diga.dark.svg', 'dist/nodes/Diga/Diga.node.json']));
	});

	test(`stays within its size budget (${MAX_PACKED_BYTES} bytes packed, ${MAX_UNPACKED_BYTES} unpacked)`, () => {
		expect(packed.info.size).toBeLessThanOrEqual(MAX_PACKED_BYTES);
		expect(packed.info.unpackedSize).toBeLessThanOrEqual(MAX_UNPACKED_BYTES);
	});

	test('has no runtime dependencies and n8n-workflow only as a peer', () => {
		const shipped = JSON.parse(readFileSync(join(packed.unpacked, 'package.json'), 'utf8')) as Record<string, unknown>;
		expect(shipped.dependencies).toBeUndefined();
		expect(shipped.peerDependencies).toEqual({ 'n8n-workflow': '*' });
		expect(shipped.scripts).not.toHaveProperty('postinstall');
		expect(shipped.scripts).not.toHaveProperty('prepare');
	});

	test('its code uses no process, file system, console or timer globals and requires only n8n-workflow', () => {
		const offences: string[] = [];
		for (const file of jsFiles) {
			const code = readFileSync(file, 'utf8');
			for (const pattern of [/\bprocess\./, /\bconsole\./, /\bset(Timeout|Interval|Immediate)\(/, /\bglobalThis\b/, /__dirname|__filename/]) {
				if (pattern.test(code)) offences.push(`${relative(packed.unpacked, file)}: ${pattern}`);
			}
			for (const [, module] of code.matchAll(/require\("([^"]+)"\)/g)) {
				if (!module.startsWith('.') && module !== 'n8n-workflow') offences.push(`${relative(packed.unpacked, file)}: requires ${module}`);
			}
		}
		expect(offences).toEqual([]);
	});
});

describe('n8n’s package scanner (@n8n/scan-community-package), as verification runs it', () => {
	// A child process: the scanner is an ES module, which jest's CommonJS runtime cannot load.
	// Without jest's NODE_ENV=test, under which eslint-plugin-n8n-nodes-base takes every file for a trigger.
	// The source leg lints this working tree (the scanner lints the commit that npm's provenance names);
	// the tarball leg lints the fresh `npm pack` above. scripts/scan-package.mjs says what is skipped.
	const scan = spawnSync(process.execPath, [join(ROOT, 'scripts', 'scan-package.mjs'), ROOT, packed.unpacked], {
		encoding: 'utf8',
		env: { ...process.env, NODE_ENV: 'production' },
	});
	const report = `${scan.stdout}${scan.stderr}`.trim().split('\n');

	test('source leg (package.json, nodes/, credentials/): passed, no errors, no warnings', () => {
		expect(report.filter((line) => !line.startsWith('tarball'))).toEqual([expect.stringMatching(/^source: passed, \d+ files, 0 errors, 0 warnings$/)]);
	});

	test('tarball leg (the JavaScript and package.json npm would publish): passed, no errors, no warnings', () => {
		expect(report.filter((line) => line.startsWith('tarball'))).toEqual([`tarball: passed, ${jsFiles.length + 1} files, 0 errors, 0 warnings`]);
	});

	test('no eslint-disable comment anywhere it lints: the scanner ignores them, so our lint must not rely on them', () => {
		const linted = [...walk(join(ROOT, 'nodes')), ...walk(join(ROOT, 'credentials')), join(ROOT, 'package.json')];
		expect(linted.filter((file) => /eslint-disable/.test(readFileSync(file, 'utf8'))).map((file) => relative(ROOT, file))).toEqual([]);
	});
});

describe('the GitHub workflows', () => {
	const scripts = packageJson.scripts as Record<string, string>;
	/** npm scripts a shell command calls (`npm test`, `npm run x`, `npm run-script x`), and the local scripts it runs. */
	function npmCalls(command: string): { scripts: string[]; files: string[] } {
		const called = [...command.matchAll(/\bnpm\s+(?:run|run-script)\s+([\w:.-]+)/g)].map((m) => m[1]);
		const builtIn = [...command.matchAll(/\bnpm\s+(test|start|stop|restart)\b/g)].map((m) => m[1]);
		const files = [...command.matchAll(/(?:^|\s)(?:bash\s+)?(\.ci\/[\w.-]+|scripts\/[\w/.-]+\.sh)\b/g)].map((m) => m[1]);
		return { scripts: [...called, ...builtIn], files };
	}
	/** Every npm script reached from a command: through package.json scripts and the shell files it runs. */
	function reachedScripts(command: string, seen = new Set<string>()): string[] {
		const { scripts: called, files } = npmCalls(command);
		const reached = [...called];
		for (const name of called) {
			if (seen.has(`script:${name}`) || !scripts[name]) continue;
			seen.add(`script:${name}`);
			reached.push(...reachedScripts(scripts[name], seen));
		}
		for (const file of files) {
			if (seen.has(`file:${file}`)) continue;
			seen.add(`file:${file}`);
			expect(existsSync(join(ROOT, file))).toBe(true);
			reached.push(...reachedScripts(readFileSync(join(ROOT, file), 'utf8'), seen));
		}
		return reached;
	}

	test.each(['ci.yml', 'publish.yml'])('%s parses, and every step calls only npm scripts that exist', (name) => {
		const workflow = parseYaml(readFileSync(join(ROOT, '.github', 'workflows', name), 'utf8')) as {
			jobs: Record<string, { steps: Array<{ run?: string; uses?: string }> }>;
		};
		const commands = Object.values(workflow.jobs).flatMap((job) => job.steps.flatMap((step) => (step.run ? [step.run] : [])));
		expect(commands.length).toBeGreaterThan(0);
		const reached = commands.flatMap((command) => reachedScripts(command));
		expect(reached.length).toBeGreaterThan(0);
		expect(reached.filter((script) => !['test', 'start', 'stop', 'restart'].includes(script) && !scripts[script])).toEqual([]);
		expect(reached).toContain('test');
	});

	test('publish.yml publishes with provenance, on a version tag, only after the checks', () => {
		const workflow = parseYaml(readFileSync(join(ROOT, '.github', 'workflows', 'publish.yml'), 'utf8')) as {
			on: { push: { tags: string[] } };
			jobs: Record<string, { needs?: string | string[]; permissions?: Record<string, string>; steps: Array<{ run?: string }> }>;
		};
		expect(workflow.on).toEqual({ push: { tags: ['v*.*.*'] } });
		const publishJob = Object.values(workflow.jobs).find((job) => job.steps.some((step) => /npm publish/.test(step.run ?? '')))!;
		expect(publishJob.permissions).toMatchObject({ 'id-token': 'write' });
		expect(publishJob.steps.map((step) => step.run ?? '').join('\n')).toMatch(/npm publish --provenance/);
		expect(publishJob.needs).toBeDefined();
		const checks = workflow.jobs[publishJob.needs as string];
		expect(checks.steps.map((step) => step.run ?? '')).toContain('bash .ci/run');
	});
});
