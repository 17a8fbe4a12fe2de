/**
 * The layers of nodes/Diga import downwards only (docs/architecture.md), and no module imports
 * itself back through others. Read from the source, so a new backward import fails here.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';

const root = resolve(__dirname, '../nodes/Diga');

/** Each layer (a folder of nodes/Diga) and the layers it may import from. */
const ALLOWED: Record<string, string[]> = {
	vocabulary: [],
	transport: ['vocabulary'],
	descriptions: ['vocabulary'],
	helpers: ['transport', 'vocabulary'],
	methods: ['helpers', 'transport', 'vocabulary'],
	trigger: ['descriptions', 'helpers', 'transport', 'vocabulary'],
	actions: ['descriptions', 'helpers', 'transport', 'vocabulary', 'node.type.ts'],
};

function sources(dir: string): string[] {
	return readdirSync(dir).flatMap((name) => {
		const path = join(dir, name);
		if (statSync(path).isDirectory()) return sources(path);
		return name.endsWith('.ts') && !name.endsWith('.d.ts') ? [path] : [];
	});
}

/** The project files a source file imports (relative imports only), as absolute paths without extension. */
function importsOf(file: string): string[] {
	const text = readFileSync(file, 'utf8');
	return [...text.matchAll(/from '(\.[^']*)'/g)].map(([, target]) => {
		const path = resolve(dirname(file), target);
		try {
			if (statSync(path).isDirectory()) return join(path, 'index');
		} catch {
			// a file: the path without its .ts
		}
		return path;
	});
}

const layerOf = (path: string) => relative(root, path).split('/')[0].replace(/^node\.type$/, 'node.type.ts');
const files = sources(root);

test.each(Object.keys(ALLOWED))('%s imports only from the layers below it', (layer) => {
	const backwards = files
		.filter((file) => layerOf(file) === layer)
		.flatMap((file) =>
			importsOf(file)
				.filter((target) => layerOf(target) !== layer && !ALLOWED[layer].includes(layerOf(target)))
				.map((target) => `${relative(root, file)} → ${relative(root, target)}`),
		);
	expect(backwards).toEqual([]);
});

test('no import circle between the modules', () => {
	const graph = new Map(files.map((file) => [file.replace(/\.ts$/, ''), importsOf(file)]));
	const circles: string[] = [];
	const done = new Set<string>();
	// Depth-first: a module met again while it is still on the path closes a circle.
	const visit = (node: string, path: string[]) => {
		if (path.includes(node)) {
			circles.push([...path.slice(path.indexOf(node)), node].map((p) => relative(root, p)).join(' → '));
			return;
		}
		if (done.has(node)) return;
		for (const next of graph.get(node) ?? []) visit(next, [...path, node]);
		done.add(node);
	};
	for (const node of graph.keys()) visit(node, []);
	expect([...new Set(circles)]).toEqual([]);
});
