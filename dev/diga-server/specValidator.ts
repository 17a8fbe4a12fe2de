import { readFileSync } from 'node:fs';
import { join } from 'node:path';

import Ajv2020 from 'ajv/dist/2020';
import type { ErrorObject, Options, ValidateFunction } from 'ajv/dist/2020';
import addFormats from 'ajv-formats';
import { OpenAPIBackend } from 'openapi-backend';
import type { Document, Operation, Request } from 'openapi-backend';

/**
 * Judges every request sent to the test server, and every answer it gives, by Diga's OpenAPI spec
 * (`dev/diga-api/openapi.json`), with openapi-backend (routing, parameter parsing, request and
 * response validation) over Ajv's JSON Schema 2020-12 dialect (OpenAPI 3.1) and ajv-formats.
 *
 * Where the spec is silent we choose the strict reading, so a mistake cannot hide behind it:
 * - an object schema that lists `properties` but says nothing of others is closed: a field the spec
 *   does not name is a violation (Diga's server ignores unknown fields, so the node's intent is lost);
 * - a status an operation does not declare is fine only for errors (4xx/5xx) whose body is Diga's
 *   `ErrorResponseSchema` (e.g. 401, or 404 on the phone endpoints, which declare only 200 and 422).
 */

export interface HttpExchange {
	method: string;
	path: string;
	/** The raw query string, without `?` (repeated names must stay visible). */
	search: string;
	headers: Record<string, string | string[] | undefined>;
	/** Parsed JSON, or the raw text when it was not JSON, or `undefined` when there was none. */
	body: unknown;
}

export const SPEC_PATH = join(__dirname, '..', 'diga-api', 'openapi.json');
const ERROR_SCHEMA = 'ErrorResponseSchema';
const SCHEMA_LISTS = ['anyOf', 'oneOf', 'allOf', 'prefixItems'];
const SCHEMA_MAPS = ['properties', 'patternProperties', '$defs'];
const SCHEMA_VALUES = ['items', 'additionalProperties', 'not', 'if', 'then', 'else', 'contains'];

/**
 * A `date-time` in Diga's answers: RFC 3339, or Python's serialisation of a `datetime` without a zone
 * (`2026-12-01T22:40:00.123456`), which FastAPI also declares as `date-time`. Requests stay strict.
 */
const ANSWERED_DATE_TIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(?:\.\d+)?(Z|[+-]\d{2}:\d{2})?$/i;

function isAnsweredDateTime(text: string): boolean {
	const match = ANSWERED_DATE_TIME.exec(text);
	return !!match && !Number.isNaN(Date.parse(match[1] ? text : `${text}Z`));
}

const newAjv = (options: Options = {}, answers = false) => {
	// The spec's schemas are Diga's, not ours to lint: no strict mode, no meta-schema check (it costs time).
	const ajv = new Ajv2020({ ...options, allErrors: true, strict: false, validateSchema: false });
	addFormats(ajv);
	if (answers) ajv.addFormat('date-time', { type: 'string', validate: isAnsweredDateTime });
	return ajv;
};

/** One Ajv per option set and side (openapi-backend asks for one per schema, and each costs a compile of its own). */
const ajvs = new Map<string, Ajv2020>();
const sharedAjv = (options: Options, answers = false) => {
	const key = JSON.stringify({ options, answers });
	if (!ajvs.has(key)) ajvs.set(key, newAjv(options, answers));
	return ajvs.get(key)!;
};

/** Closes every object schema that names its properties and leaves others open by silence. */
function closeObjects(schema: unknown): void {
	if (!schema || typeof schema !== 'object' || Array.isArray(schema)) return;
	const node = schema as Record<string, unknown>;
	if (node.properties && node.additionalProperties === undefined && node.unevaluatedProperties === undefined) {
		node.unevaluatedProperties = false;
	}
	for (const key of SCHEMA_LISTS) if (Array.isArray(node[key])) (node[key] as unknown[]).forEach(closeObjects);
	for (const key of SCHEMA_MAPS) Object.values((node[key] as object) ?? {}).forEach(closeObjects);
	for (const key of SCHEMA_VALUES) closeObjects(node[key]);
}

type JsonObject = Record<string, unknown>;
const entriesOf = (value: unknown): JsonObject[] => Object.values((value ?? {}) as JsonObject) as JsonObject[];

function closeAllSchemas(spec: JsonObject): void {
	entriesOf((spec.components as JsonObject | undefined)?.schemas).forEach(closeObjects);
	const operations = entriesOf(spec.paths).flatMap(entriesOf);
	const mediaSchemas = (holder: unknown) => entriesOf((holder as JsonObject | undefined)?.content).map((media) => media.schema);
	for (const operation of operations) {
		for (const parameter of (operation.parameters ?? []) as JsonObject[]) closeObjects(parameter.schema);
		mediaSchemas(operation.requestBody).forEach(closeObjects);
		entriesOf(operation.responses).flatMap(mediaSchemas).forEach(closeObjects);
	}
}

/** One readable line per broken rule: where, what was sent, and the rule (`query.limit = 101: must be <= 100`). */
export function describeErrors(errors: ErrorObject[], data: unknown): string[] {
	const valueAt = (pointer: string) =>
		pointer
			.split('/')
			.slice(1)
			.reduce<unknown>((value, key) => (value as Record<string, unknown> | undefined)?.[key.replace(/~1/g, '/').replace(/~0/g, '~')], data);
	const paths = new Set(errors.map((e) => e.instancePath));
	return [...paths].flatMap((path) => {
		const here = errors.filter((e) => e.instancePath === path);
		// For `anyOf: [X, null]` Ajv reports X's failure, "must be null" and "must match a schema in anyOf": keep X's.
		const telling = here.filter((e) => e.keyword !== 'anyOf' && !(e.keyword === 'type' && e.params.type === 'null'));
		const where = path ? path.slice(1).replace(/\//g, '.') : 'body';
		const value = valueAt(path);
		const shown = value === undefined || typeof value === 'object' ? '' : ` = ${JSON.stringify(value)}`;
		return (telling.length ? telling : here).map((e) => {
			const extra = (e.params.additionalProperty ?? e.params.unevaluatedProperty) as string | undefined;
			const rule = extra !== undefined ? `'${extra}' is not declared by the spec` : e.message;
			const allowed = e.keyword === 'enum' ? ` (${(e.params.allowedValues as unknown[]).join(', ')})` : '';
			return `${where}${shown}: ${rule}${allowed}`;
		});
	});
}

/** The one operation whose form the spec gives only in prose: "Send as multipart/form-data … name, category, file". */
const FILE_UPLOAD = 'upload_knowledge_items_v1_knowledge_item_file_post';
const FILE_UPLOAD_PARTS = ['name', 'category', 'file'];

/** The prose read strictly: a multipart form with a `name` text, an optional `category` text and a `file` part, nothing else. */
function checkFileUpload(request: HttpExchange): string[] {
	const contentType = String(request.headers['content-type'] ?? '');
	const body = request.body as { multipart?: { fields: Record<string, string>; files: Record<string, unknown> } } | undefined;
	if (!/^multipart\/form-data;/i.test(contentType) || !body?.multipart) return ['body: must be multipart/form-data (name, category, file)'];
	const { fields, files } = body.multipart;
	const problems = [...Object.keys(fields), ...Object.keys(files)]
		.filter((part) => !FILE_UPLOAD_PARTS.includes(part))
		.map((part) => `body.${part}: '${part}' is not one of the form's parts (name, category, file)`);
	if (fields.name === undefined) problems.push('body.name: the form needs a name');
	if (files.file === undefined) problems.push('body.file: the form needs a file part');
	if (files.name !== undefined || files.category !== undefined) problems.push('body: name and category are text parts, not files');
	return problems;
}

export class SpecValidator {
	private static loading?: Promise<SpecValidator>;
	private errorValidator?: ValidateFunction;

	private constructor(private readonly api: OpenAPIBackend) {}

	/** The spec is loaded once per process and shared by every server. */
	static shared(): Promise<SpecValidator> {
		SpecValidator.loading ??= SpecValidator.load();
		return SpecValidator.loading;
	}

	private static async load(): Promise<SpecValidator> {
		const definition = JSON.parse(readFileSync(SPEC_PATH, 'utf8')) as Document;
		closeAllSchemas(definition as unknown as JsonObject);
		const api = new OpenAPIBackend({
			definition,
			// `quick` skips openapi-backend's own document check, which knows only OpenAPI 3.0 (the schemas are
			// still compiled, on first use, by the 2020-12 Ajv below).
			quick: true,
			ignoreTrailingSlashes: false,
			customizeAjv: (_draft07, options, context) => sharedAjv(options, context === 'responseValidator'),
		});
		await api.init();
		return new SpecValidator(api);
	}

	/** The operation a request calls and the rules it breaks (empty when it fits the spec). */
	checkRequest(request: HttpExchange): { operation?: Operation; violations: string[] } {
		const headers = Object.fromEntries(Object.entries(request.headers).filter(([, value]) => value !== undefined));
		const req: Request = { ...request, query: request.search, headers: headers as Request['headers'] };
		const operation = this.api.router.matchOperation(req);
		if (!operation) return { violations: [this.whyUnmatched(req)] };
		const violations: string[] = [];
		const result = this.api.validator.validateRequest(req, operation);
		if (result.errors) {
			const { params, query, headers } = this.api.router.parseRequest(req, operation);
			violations.push(...describeErrors(result.errors, { path: params, query, header: headers, requestBody: request.body }));
		}
		if (operation.operationId === FILE_UPLOAD) violations.push(...checkFileUpload(request));
		else if (!operation.requestBody && request.body !== undefined) violations.push('body: the operation takes no request body');
		violations.push(...this.checkAuth(operation, request.headers.authorization));
		return { operation, violations: violations.map((v) => `${operation.operationId}: ${v}`) };
	}

	private whyUnmatched(req: Request): string {
		try {
			this.api.router.matchOperation(req, true);
		} catch (error) {
			if (String(error).includes('405')) return `the spec has no ${req.method} operation on ${req.path}`;
		}
		return `no path of the spec matches ${req.path}`;
	}

	/** The rules an answer to `operation` breaks (empty when it fits the response its status declares). */
	checkResponse(operation: Operation, status: number, body: unknown): string[] {
		const declared = operation.responses?.[String(status)] ?? operation.responses?.default;
		const problems = declared ? this.checkDeclared(operation, status, body) : this.checkUndeclared(operation, status, body);
		return problems.map((p) => `${operation.operationId} → ${status}: ${p}`);
	}

	private checkDeclared(operation: Operation, status: number, body: unknown): string[] {
		const declared = operation.responses![String(status)] ?? operation.responses!.default;
		const schema = 'content' in declared ? declared.content?.['application/json']?.schema : undefined;
		if (!schema) return body === undefined ? [] : ['the spec declares no body for this status, but one was sent'];
		if (body === undefined) return ['the spec declares a JSON body for this status, but none was sent'];
		const result = this.api.validator.validateResponse(body, operation, status);
		return result.errors ? describeErrors(result.errors, body) : [];
	}

	private checkUndeclared(operation: Operation, status: number, body: unknown): string[] {
		const declared = Object.keys(operation.responses ?? {}).join(', ');
		if (status < 400) return [`status not declared by the spec (declares ${declared})`];
		this.errorValidator ??= sharedAjv({}).compile((this.api.document.components!.schemas as Record<string, object>)[ERROR_SCHEMA]);
		if (this.errorValidator(body)) return [];
		return describeErrors(this.errorValidator.errors ?? [], body).map((p) => `undeclared status, checked as ${ERROR_SCHEMA}: ${p}`);
	}

	/** openapi-backend leaves security schemes to the application: the spec's one is HTTP bearer. */
	private checkAuth(operation: Operation, authorization: string | string[] | undefined): string[] {
		const requirements = operation.security ?? this.api.document.security ?? [];
		const schemes = this.api.document.components?.securitySchemes ?? {};
		const bearerRequired = requirements.some((requirement) =>
			Object.keys(requirement).some((name) => {
				const scheme = schemes[name] as { type?: string; scheme?: string } | undefined;
				return scheme?.type === 'http' && scheme.scheme?.toLowerCase() === 'bearer';
			}),
		);
		if (!bearerRequired) return [];
		const ok = typeof authorization === 'string' && /^Bearer \S+$/i.test(authorization);
		return ok ? [] : ['header.authorization: the spec requires HTTP bearer auth (Authorization: Bearer <API key>)'];
	}
}
