// Lint as n8n's package scanner does: @n8n/eslint-plugin-community-nodes `recommended`, plus the
// three eslint-plugin-n8n-nodes-base sets (community → package.json, credentials/, nodes/) and
// no-console. `npm test` also runs the scanner itself (scripts/scan-package.mjs), which ignores
// inline eslint comments: so none are used in nodes/, credentials/ or package.json.
import js from '@eslint/js';
import { n8nCommunityNodesPlugin } from '@n8n/eslint-plugin-community-nodes';
import n8nNodesBase from 'eslint-plugin-n8n-nodes-base';
import jsonParser from 'jsonc-eslint-parser';
import tseslint from 'typescript-eslint';

const nodesBase = { 'n8n-nodes-base': n8nNodesBase };
const packageFiles = ['credentials/**/*.ts', 'nodes/**/*.ts', 'package.json'];

export default tseslint.config(
	// nodes/Diga/transport/openapi.d.ts is generated from Diga's spec (npm run spec:update).
	{ ignores: ['dist/**', 'node_modules/**', 'coverage/**', 'artifacts/**', '**/*.js', '**/*.mjs', 'nodes/Diga/transport/openapi.d.ts'] },
	{
		files: ['**/*.ts'],
		extends: [js.configs.recommended, ...tseslint.configs.recommended],
		rules: {
			'@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
		},
	},
	{
		files: ['package.json'],
		languageOptions: { parser: jsonParser },
		plugins: nodesBase,
		rules: n8nNodesBase.configs.community.rules,
	},
	{
		files: ['credentials/**/*.ts'],
		plugins: nodesBase,
		rules: {
			...n8nNodesBase.configs.credentials.rules,
			// The rule's own docs: "only applicable to nodes in the main repository" (docs slugs there).
			'n8n-nodes-base/cred-class-field-documentation-url-miscased': 'off',
		},
	},
	{
		files: ['nodes/**/*.ts'],
		plugins: nodesBase,
		rules: {
			...n8nNodesBase.configs.nodes.rules,
			// These demand the string 'main'; the newer scanner rule node-connection-type-literal
			// demands NodeConnectionTypes.Main. The scanner's rule wins.
			'n8n-nodes-base/node-class-description-inputs-wrong-regular-node': 'off',
			'n8n-nodes-base/node-class-description-outputs-wrong': 'off',
		},
	},
	{
		files: packageFiles,
		...n8nCommunityNodesPlugin.configs.recommended,
	},
	{
		files: packageFiles,
		rules: { 'no-console': 'error' },
	},
);
