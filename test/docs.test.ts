/**
 * README.md is the npm page and the node's documentation link: for n8n users, short, and complete
 * where users look (every operation, every example). docs/ holds the rest; links between them must
 * keep working on GitHub, where npm sends readers of repository-relative links.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { dirname, join, normalize, relative } from 'node:path';

import type { INodePropertyOptions } from 'n8n-workflow';

import { Diga } from '../nodes/Diga/Diga.node';

const ROOT = join(__dirname, '..');
const README = join(ROOT, 'README.md');
const readme = readFileSync(README, 'utf8');

/** The anchor GitHub gives a heading: lower case, punctuation dropped, spaces to hyphens, repeats numbered. */
function headingAnchors(markdown: string): Set<string> {
	const anchors = new Set<string>();
	const seen = new Map<string, number>();
	let inCode = false;
	for (const line of markdown.split('\n')) {
		if (line.startsWith('```')) inCode = !inCode;
		const heading = !inCode && /^#+\s+(.*)$/.exec(line);
		if (!heading) continue;
		const slug = heading[1].trim().toLowerCase().replace(/[^\p{L}\p{N}_\- ]/gu, '').replace(/ /g, '-');
		const count = seen.get(slug) ?? 0;
		seen.set(slug, count + 1);
		anchors.add(count === 0 ? slug : `${slug}-${count}`);
	}
	return anchors;
}

/** Repository-relative links `[text](target)` outside code blocks. */
function relativeLinks(markdown: string): string[] {
	const withoutCode = markdown.replace(/^```[\s\S]*?^```/gm, '');
	return [...withoutCode.matchAll(/\]\(([^)\s]+)\)/g)].map((m) => m[1]).filter((target) => !/^(https?|mailto):/.test(target));
}

describe('README.md, for n8n users', () => {
	test('stays under 15 kB (what npm shows and n8n links to)', () => {
		expect(Buffer.byteLength(readme)).toBeLessThan(15_000);
	});

	test('gives the two commands a newcomer runs from source', () => {
		expect(readme).toContain('npm ci && npm run demo');
		expect(readme).toMatch(/^npm test\b/m);
	});

	test('has one Operations row per resource and operation the node offers, and none it does not', () => {
		const properties = new Diga().description.properties;
		const resources = (properties.find((p) => p.name === 'resource')?.options ?? []) as INodePropertyOptions[];
		const offered = resources.flatMap((resource) =>
			properties
				.filter((p) => p.name === 'operation' && p.displayOptions?.show?.resource?.includes(resource.value))
				.flatMap((p) => (p.options ?? []) as INodePropertyOptions[])
				.map((operation) => `${resource.name} | ${operation.name}`),
		);
		expect(offered.length).toBeGreaterThan(10);
		const section = readme.slice(readme.indexOf('\n## Operations\n'), readme.indexOf('\n## ', readme.indexOf('\n## Operations\n') + 1));
		const rows = [...section.matchAll(/^\| ([^|]+?) \| ([^|]+?) \| [^|]+ \|$/gm)]
			.map((m) => `${m[1]} | ${m[2]}`)
			.filter((row) => row !== 'Resource | Operation' && !row.startsWith('---'));
		expect(rows.sort()).toEqual(offered.sort());
	});

	test('links every example workflow in examples/', () => {
		const examples = readdirSync(join(ROOT, 'examples')).filter((name) => name.endsWith('.json'));
		expect(examples.length).toBeGreaterThan(0);
		expect(examples.filter((name) => !readme.includes(`](examples/${name})`))).toEqual([]);
	});
});

describe('links between README.md, CHANGELOG.md and docs/', () => {
	const files = [README, join(ROOT, 'CHANGELOG.md'), ...readdirSync(join(ROOT, 'docs')).filter((n) => n.endsWith('.md')).map((n) => join(ROOT, 'docs', n))];

	test.each(files.map((file) => relative(ROOT, file)))('%s: every relative link names a file, and a heading there', (name) => {
		const file = join(ROOT, name);
		const broken = relativeLinks(readFileSync(file, 'utf8')).filter((target) => {
			const [path, anchor] = target.split('#');
			const resolved = path ? normalize(join(dirname(file), path)) : file;
			if (!existsSync(resolved)) return true;
			return Boolean(anchor) && resolved.endsWith('.md') && !headingAnchors(readFileSync(resolved, 'utf8')).has(anchor);
		});
		expect(broken).toEqual([]);
	});

	test('docs/ is not shipped: the package publishes only dist/ (besides README, LICENSE, package.json)', () => {
		const packageJson = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as { files: string[] };
		expect(packageJson.files).toEqual(['dist']);
	});
});
