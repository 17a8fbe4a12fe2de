/**
 * What `npm publish` would ship, checked the way n8n's verification looks at it: the tarball's
 * files and size, and n8n's lint rules over the JavaScript inside it. Needs `npm run build`
 * first (`npm test` builds before jest).
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';

import packageJson from '../package.json';

const ROOT = join(__dirname, '..');

/** Budgets stated in the README: the tarball as published, and unpacked. */
const MAX_PACKED_BYTES = 60_000;
const MAX_UNPACKED_BYTES = 250_000;

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

	test('passes n8n’s lint rules over the JavaScript inside it', () => {
		// A child process: the lint plugin is an ES module, which jest's CommonJS runtime cannot load.
		// Without jest's NODE_ENV=test, under which eslint-plugin-n8n-nodes-base takes every file for a trigger.
		const env = { ...process.env, NODE_ENV: 'production' };
		const lint = spawnSync(process.execPath, [join(ROOT, 'scripts', 'lint-tarball.mjs'), packed.unpacked], { encoding: 'utf8', env });
		expect(`${lint.stdout}${lint.stderr}`.trim()).toBe(`linted ${jsFiles.length + 1} files, 0 problems`);
		expect(lint.status).toBe(0);
	});
});
