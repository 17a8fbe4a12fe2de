/**
 * The package loads on the oldest n8n it supports (n8n 1.64, October 2024; docs/compatibility.md).
 * n8n gives a community package its own n8n-workflow: a value the package reads from it that the
 * release lacks is `undefined` there, and a node whose class reads one while it is built does not
 * load at all. So the built dist/ is checked against the n8n-workflow that n8n 1.64 ships, installed
 * as the devDependency `n8n-workflow-floor`. Needs `npm run build` first (`npm test` builds before jest).
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';

import floorPackage from 'n8n-workflow-floor/package.json';

import packageJson from '../package.json';

const ROOT = join(__dirname, '..');
const DIST = join(ROOT, 'dist');
const FLOOR_VERSION = '1.63.0'; // what n8n 1.64.3 depends on (`npm view n8n@1.64.3 dependencies`)

/**
 * Newer exports the code reads only with a fallback, each with the form its use must take in dist/.
 * sleepWithAbort: n8n-workflow ≥ 1.98; transport/cancel.ts falls back to `sleep` and races the signal.
 */
const OPTIONAL: Record<string, RegExp> = {
	sleepWithAbort: /\.sleepWithAbort \?\? \w+\.sleep;/,
};

const walk = (dir: string): string[] =>
	readdirSync(dir).flatMap((name) => (statSync(join(dir, name)).isDirectory() ? walk(join(dir, name)) : [join(dir, name)]));

interface WorkflowUse {
	/** Names read from n8n-workflow, with the files that read them. */
	members: Map<string, string[]>;
	/** `require("n8n-workflow")` calls this reader could not follow (a use it cannot see). */
	unfollowed: string[];
}

/**
 * What compiled CommonJS reads from n8n-workflow: tsc turns `import { X }` and `import * as ns` into
 * `const alias = require("n8n-workflow")` (the latter wrapped in `__importStar`) and every use into
 * `alias.X`. Any other form of the require is reported rather than missed.
 */
function workflowUse(files: Array<{ name: string; text: string }>): WorkflowUse {
	const members = new Map<string, string[]>();
	const unfollowed: string[] = [];
	for (const { name, text } of files) {
		const aliases: string[] = [];
		for (const match of text.matchAll(/^(.*)require\("n8n-workflow"\)(.*)$/gm)) {
			const bound = /^(?:const|var|let) (\w+) = (?:__importStar\()?$/.exec(match[1]);
			if (bound && /^\)?;$/.test(match[2])) aliases.push(bound[1]);
			else unfollowed.push(`${name}: ${match[0].trim()}`);
		}
		for (const alias of aliases) {
			for (const [, member] of text.matchAll(new RegExp(`\\b${alias}\\.(\\w+)`, 'g'))) {
				members.set(member, [...(members.get(member) ?? []), name].filter((file, i, all) => all.indexOf(file) === i));
			}
		}
	}
	return { members, unfollowed };
}

const distFiles = walk(DIST)
	.filter((file) => file.endsWith('.js'))
	.map((file) => ({ name: relative(DIST, file), text: readFileSync(file, 'utf8') }));
const used = workflowUse(distFiles);
// eslint-disable-next-line @typescript-eslint/no-require-imports
const floorExports = new Set(Object.keys(require('n8n-workflow-floor') as object));

test(`the floor n8n-workflow is the ${FLOOR_VERSION} n8n 1.64.3 ships`, () => {
	expect(floorPackage.version).toBe(FLOOR_VERSION);
	expect(packageJson.devDependencies['n8n-workflow-floor']).toBe(`npm:n8n-workflow@${FLOOR_VERSION}`);
});

test('every use of n8n-workflow in dist/ is one this check can read', () => {
	expect(used.members.size).toBeGreaterThan(0);
	expect(used.unfollowed).toEqual([]);
});

test(`everything dist/ reads from n8n-workflow exists in n8n-workflow ${FLOOR_VERSION}, or has a fallback`, () => {
	const missing = [...used.members]
		.filter(([member]) => !floorExports.has(member) && !(member in OPTIONAL))
		.map(([member, files]) => `${member} (${files.join(', ')})`);
	expect(missing).toEqual([]);
});

test.each(Object.entries(OPTIONAL))('%s, newer than the floor, is read only with its fallback', (member, form) => {
	expect(floorExports.has(member)).toBe(false); // otherwise it is no longer optional: drop it from OPTIONAL
	const readers = used.members.get(member) ?? [];
	expect(readers.length).toBeGreaterThan(0);
	for (const name of readers) {
		const text = distFiles.find((file) => file.name === name)!.text;
		const uses = text.match(new RegExp(`\\.${member}\\b`, 'g')) ?? [];
		expect({ name, uses: uses.length, guarded: (text.match(new RegExp(form, 'g')) ?? []).length }).toEqual({ name, uses: uses.length, guarded: uses.length });
	}
});

test('the reader sees a named import, a namespace import and an unusual require', () => {
	const { members, unfollowed } = workflowUse([
		{ name: 'a.js', text: 'const n8n_workflow_1 = require("n8n-workflow");\nx = [n8n_workflow_1.NodeConnectionTypes.Main];' },
		{ name: 'b.js', text: 'const ns = __importStar(require("n8n-workflow"));\n(0, ns.sleep)(1);' },
		{ name: 'c.js', text: 'const { jsonParse } = require("n8n-workflow");' },
	]);
	expect([...members.keys()]).toEqual(['NodeConnectionTypes', 'sleep']);
	expect(floorExports.has('NodeConnectionTypes')).toBe(false);
	expect(unfollowed).toEqual(['c.js: const { jsonParse } = require("n8n-workflow");']);
});

/** The node classes as n8n 1.64 builds them: with its n8n-workflow in place of the current one. */
function loadWithFloor<T>(file: string, exportName: string): T {
	let loaded: T | undefined;
	jest.isolateModules(() => {
		jest.doMock('n8n-workflow', () => jest.requireActual('n8n-workflow-floor'));
		// eslint-disable-next-line @typescript-eslint/no-require-imports
		const NodeClass = (require(join(DIST, file)) as Record<string, new () => T>)[exportName];
		loaded = new NodeClass();
	});
	jest.dontMock('n8n-workflow');
	return loaded!;
}

test.each(packageJson.n8n.nodes.map((file) => [file]))('%s builds its node with n8n 1.64’s n8n-workflow', (file) => {
	const exportName = file.replace(/^.*\//, '').replace(/\.node\.js$/, '');
	const node = loadWithFloor<{ description: { name: string; outputs: unknown } }>(file.replace(/^dist\//, ''), exportName);
	expect(node.description.outputs).toEqual(['main']);
});

test.each(packageJson.n8n.credentials.map((file) => [file]))('%s builds its credential with n8n 1.64’s n8n-workflow', (file) => {
	const exportName = file.replace(/^.*\//, '').replace(/\.credentials\.js$/, '');
	const credential = loadWithFloor<{ name: string }>(file.replace(/^dist\//, ''), exportName);
	expect(credential.name).toBe('digaApi');
});

/** n8n 1.64’s NodeApiError knows no `failure` option (n8n-workflow 2.37 added it): it must ignore it and keep the rest. */
test('a 429 error built with n8n 1.64’s NodeApiError keeps Diga’s message, the advice and the HTTP code', () => {
	const body = { status: 'error', error_code: 'RATE_LIMITED', message: 'Slow down' };
	let error: { name?: string; message?: string; description?: string; httpCode?: string | null; failure?: unknown } = {};
	jest.isolateModules(() => {
		jest.doMock('n8n-workflow', () => jest.requireActual('n8n-workflow-floor'));
		// eslint-disable-next-line @typescript-eslint/no-require-imports
		const { apiError } = require(join(DIST, 'nodes/Diga/transport/errors.js')) as typeof import('../nodes/Diga/transport/errors');
		const node = { id: '1', name: 'Diga', type: 'n8n-nodes-diga.diga', typeVersion: 1, position: [0, 0], parameters: {} };
		error = apiError(node as never, 429, body, {}, 7000) as never;
	});
	jest.dontMock('n8n-workflow');
	expect(error).toMatchObject({
		name: 'NodeApiError',
		message: 'Diga is rate-limiting this API key (HTTP 429). Lower Max Concurrency or try again later.',
		httpCode: '429',
	});
	expect(error.description).toContain('Diga says: Slow down');
	expect(error.failure).toBeUndefined();
});
