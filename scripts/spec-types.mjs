// Diga's TypeScript types, generated from the OpenAPI spec with openapi-typescript (dev only).
//   node scripts/spec-types.mjs          copies ../shared/diga/openapi.json (when present) into
//                                        dev/diga-api/ and regenerates nodes/Diga/transport/openapi.d.ts
//   node scripts/spec-types.mjs --check  fails, with the diff, when the generated types differ from
//                                        what the committed spec generates (run by `npm test`)
import { execFileSync } from 'node:child_process';
import { copyFileSync, existsSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const spec = join(root, 'dev', 'diga-api', 'openapi.json');
const types = join(root, 'nodes', 'Diga', 'transport', 'openapi.d.ts');
const shared = join(root, '..', 'shared', 'diga', 'openapi.json');
const check = process.argv.includes('--check');

const generate = (output) =>
	execFileSync(join(root, 'node_modules', '.bin', 'openapi-typescript'), [spec, '-o', output], { stdio: 'pipe' });

if (check) {
	if (existsSync(shared) && readFileSync(shared, 'utf8') !== readFileSync(spec, 'utf8')) {
		console.error(`The published spec ${shared} differs from dev/diga-api/openapi.json: run \`npm run spec:update\`.`);
		process.exit(1);
	}
	const fresh = join(mkdtempSync(join(tmpdir(), 'diga-types-')), 'openapi.d.ts');
	generate(fresh);
	try {
		execFileSync('diff', ['-u', types, fresh], { stdio: 'inherit' });
	} catch {
		console.error('nodes/Diga/transport/openapi.d.ts is not what the spec generates: run `npm run spec:update` and review the diff.');
		process.exit(1);
	}
	console.log('spec types: nodes/Diga/transport/openapi.d.ts matches dev/diga-api/openapi.json');
} else {
	if (existsSync(shared)) copyFileSync(shared, spec);
	generate(types);
	console.log(`spec types: regenerated ${types}`);
}
