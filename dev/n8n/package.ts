/** The package as n8n installs it, and the credentials the e2e suite and the benchmark import. */
import { execFileSync } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { TEST_API_KEY } from '../diga-server/digaServer';

export const ROOT = join(__dirname, '..', '..');

/** `npm pack` of the built package, as it would be published. */
export function pack(): string {
	const destination = mkdtempSync(join(tmpdir(), 'n8n-nodes-diga-pack-'));
	const [info] = JSON.parse(
		execFileSync('npm', ['pack', '--json', '--pack-destination', destination], { cwd: ROOT, encoding: 'utf8' }),
	) as Array<{ filename: string }>;
	return join(destination, info.filename);
}

export function credentials(baseUrl: string): object[] {
	return [
		{ id: 'diga-credential', name: 'Diga account', type: 'digaApi', data: { apiKey: TEST_API_KEY, baseUrl } },
		{ id: 'diga-wrong-key', name: 'Diga wrong key', type: 'digaApi', data: { apiKey: 'diga_wrong_key_000', baseUrl } },
	];
}
