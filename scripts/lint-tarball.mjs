// Lints an unpacked package tarball as the source is linted (eslint.config.mjs): the JavaScript
// with @n8n/eslint-plugin-community-nodes `recommended` (the rules n8n's package scanner runs),
// and eslint-plugin-n8n-nodes-base's three sets: community (package.json), credentials, nodes. Usage: node scripts/lint-tarball.mjs <unpacked package folder>. Prints one line per
// problem; exits 1 if there is any.
import { ESLint } from 'eslint';
import { n8nCommunityNodesPlugin } from '@n8n/eslint-plugin-community-nodes';
import nodesBase from 'eslint-plugin-n8n-nodes-base';
import jsonParser from 'jsonc-eslint-parser';

const cwd = process.argv[2];
if (!cwd) {
	console.error('usage: node scripts/lint-tarball.mjs <unpacked package folder>');
	process.exit(2);
}
const eslint = new ESLint({
	cwd,
	overrideConfigFile: true,
	overrideConfig: [
		{ files: ['**/*.js'], languageOptions: { sourceType: 'commonjs', ecmaVersion: 2022 } },
		{ files: ['dist/**/*.js', 'package.json'], ...n8nCommunityNodesPlugin.configs.recommended },
		{
			files: ['package.json'],
			languageOptions: { parser: jsonParser },
			plugins: { 'n8n-nodes-base': nodesBase },
			rules: nodesBase.configs.community.rules,
		},
		{
			files: ['dist/nodes/**/*.js'],
			plugins: { 'n8n-nodes-base': nodesBase },
			rules: {
				...nodesBase.configs.nodes.rules,
				// They demand the string 'main'; the scanner's node-connection-type-literal demands
				// NodeConnectionTypes.Main. The scanner's rule wins.
				'n8n-nodes-base/node-class-description-inputs-wrong-regular-node': 'off',
				'n8n-nodes-base/node-class-description-outputs-wrong': 'off',
				// Asks for the .ts source name; compiled files are rightly .node.js.
				'n8n-nodes-base/node-filename-against-convention': 'off',
			},
		},
		{
			files: ['dist/credentials/**/*.js'],
			plugins: { 'n8n-nodes-base': nodesBase },
			rules: {
				...nodesBase.configs.credentials.rules,
				// By its own description only for n8n's main repository (docs slugs there).
				'n8n-nodes-base/cred-class-field-documentation-url-miscased': 'off',
			},
		},
	],
});
const results = await eslint.lintFiles(['dist/**/*.js', 'package.json']);
let problems = 0;
for (const result of results) {
	for (const message of result.messages) {
		problems++;
		console.log(`${result.filePath.slice(cwd.length + 1)}:${message.line} ${message.ruleId ?? ''} ${message.message}`);
	}
}
console.log(`linted ${results.length} files, ${problems} problems`);
process.exit(problems ? 1 : 0);
