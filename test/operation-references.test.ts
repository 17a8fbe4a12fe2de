/**
 * A field's description, hint or notice, an error message or README.md that sends the user to
 * "Resource → Operation" names an operation the node has: a renamed or missing operation would
 * send them nowhere (e.g. the uploads point to Knowledge Base → Add Items).
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';

import type { INodeProperties, INodePropertyOptions } from 'n8n-workflow';

import { Diga } from '../nodes/Diga/Diga.node';

const ROOT = join(__dirname, '..');
const properties = new Diga().description.properties;
const options = (property: INodeProperties | undefined) => (property?.options ?? []) as INodePropertyOptions[];

/** Each resource's display name, with the display names of its operations. */
const operations = new Map<string, string[]>(
	options(properties.find((p) => p.name === 'resource')).map((resource) => [
		resource.name,
		options(properties.find((p) => p.name === 'operation' && p.displayOptions?.show?.resource?.includes(resource.value))).map((op) => op.name),
	]),
);
// Longest first: "Knowledge Item" before "Item", "Agent Version" before "Agent".
const resources = [...operations.keys()].sort((a, b) => b.length - a.length);
const reference = new RegExp(`(?<![A-Za-z])(${resources.join('|')}) → ([A-Z][A-Za-z]*(?: [A-Z][A-Za-z]*| SIP)*)`, 'g');

/** The operations `text` names, each with what follows the arrow (capitalized words: the operation's name and maybe more). */
function referencesIn(text: string): Array<{ resource: string; named: string }> {
	return [...text.matchAll(reference)].map((m) => ({ resource: m[1], named: m[2] }));
}

/** Whether `named` is an operation of `resource`, possibly followed by other capitalized words (a field's name). */
const exists = (resource: string, named: string) => operations.get(resource)!.some((op) => named === op || named.startsWith(`${op} `));

function files(dir: string): string[] {
	return readdirSync(dir).flatMap((name) => {
		const path = join(dir, name);
		return statSync(path).isDirectory() ? files(path) : path.endsWith('.ts') ? [path] : [];
	});
}

const sources = [...files(join(ROOT, 'nodes')), ...files(join(ROOT, 'credentials')), join(ROOT, 'README.md')];

describe('every "Resource → Operation" named to users exists', () => {
	test('the node offers resources and their operations', () => {
		expect(operations.get('Knowledge Base')).toEqual(expect.arrayContaining(['Add Items', 'Remove Items', 'Sync Text', 'Update']));
		expect(referencesIn('use Knowledge Base → Add Items afterwards')).toEqual([{ resource: 'Knowledge Base', named: 'Add Items' }]);
		expect(exists('Knowledge Base', 'Add Things')).toBe(false);
	});

	test('the references are found (the check below is not vacuous)', () => {
		const found = sources.flatMap((path) => referencesIn(readFileSync(path, 'utf8')));
		expect(found.length).toBeGreaterThan(30);
		expect(found).toContainEqual({ resource: 'Knowledge Base', named: 'Add Items' });
	});

	test.each(sources.map((path) => [path.slice(ROOT.length + 1), path]))('%s', (_name, path) => {
		const missing = referencesIn(readFileSync(path, 'utf8')).filter(({ resource, named }) => !exists(resource, named));
		expect(missing).toEqual([]);
	});
});
