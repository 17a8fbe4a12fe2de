import type { Operation } from 'openapi-backend';

import type { HttpExchange } from './specValidator';
import { SpecValidator } from './specValidator';

export interface SpecCounts {
	/** Requests judged by the spec. */
	requests: number;
	/** Answers judged by the response schema of their status. */
	responses: number;
	/** Answers not judged: scripted faults (they break the rules on purpose) and answers to requests no operation matches. */
	unjudged: number;
	violations: number;
}

/** One request and, once sent, its answer (the body as sent, so later changes to the server's state do not show). */
export interface Exchange {
	request: HttpExchange;
	operation?: Operation;
	requestJudged?: boolean;
	answer?: { status: number; text: string | undefined; judged: boolean };
}

/**
 * What a test server's traffic did to Diga's spec. Exchanges are judged lazily, when the violations
 * or counts are read (after a test), so judging costs no time while a test runs: timings, timeouts
 * and concurrency are what they would be without it.
 */
export class SpecCheck {
	private readonly totals: SpecCounts = { requests: 0, responses: 0, unjudged: 0, violations: 0 };
	private queue: Exchange[] = [];
	private pending: string[] = [];
	private validator?: SpecValidator;

	async ready(): Promise<void> {
		this.validator ??= await SpecValidator.shared();
	}

	get counts(): SpecCounts {
		this.judgeQueue();
		return { ...this.totals };
	}

	/** Notes a request; its answer is added with `answer` (hung or reset requests never get one). */
	request(request: HttpExchange): Exchange {
		const exchange: Exchange = { request };
		this.queue.push(exchange);
		return exchange;
	}

	/** Notes the answer; `judged: false` for scripted faults, which break the rules on purpose. */
	answer(exchange: Exchange, status: number, body: unknown, judged = true): void {
		exchange.answer = { status, text: typeof body === 'string' || body === undefined ? body : JSON.stringify(body), judged };
	}

	/** The violations since the last call, each naming the request and the rule it broke. */
	takeViolations(): string[] {
		this.judgeQueue();
		const violations = this.pending;
		this.pending = [];
		// Taken violations are answered for by whoever took them (a failed test, or a test that
		// expects one): they no longer count against the run as a whole.
		this.totals.violations -= violations.length;
		return violations;
	}

	private judgeQueue(): void {
		if (!this.queue.length) return;
		if (!this.validator) throw new Error('SpecCheck used before ready(): start the server first');
		const validator = this.validator;
		for (const exchange of this.queue) {
			if (!exchange.requestJudged) {
				const { operation, violations } = validator.checkRequest(exchange.request);
				exchange.operation = operation;
				exchange.requestJudged = true;
				this.totals.requests++;
				this.record(exchange.request, violations);
			}
			const { answer, operation } = exchange;
			if (!answer) continue;
			if (!answer.judged || !operation) {
				this.totals.unjudged++;
				continue;
			}
			this.totals.responses++;
			const body = answer.text === undefined || answer.text === '' ? undefined : parseJson(answer.text);
			this.record(exchange.request, validator.checkResponse(operation, answer.status, body));
		}
		// Requests still waiting for their answer are judged again later for it.
		this.queue = this.queue.filter((exchange) => !exchange.answer);
	}

	private record(request: HttpExchange, violations: string[]): void {
		const line = `${request.method} ${request.path}${request.search ? `?${request.search}` : ''}`;
		this.totals.violations += violations.length;
		this.pending.push(...violations.map((violation) => `${line} — ${violation}`));
	}
}

const parseJson = (text: string): unknown => {
	try {
		return JSON.parse(text);
	} catch {
		return text;
	}
};

/** The readable failure for violations, or undefined when there are none. */
export function violationReport(violations: string[]): string | undefined {
	if (!violations.length) return undefined;
	return `Diga's OpenAPI spec (dev/diga-api/openapi.json) was broken ${violations.length} time(s):\n  ${violations.join('\n  ')}`;
}

/** The one-line account of what the spec judged, as `npm test`, the e2e suite and the demo print it. */
export function specSummary(counts: SpecCounts, where = ''): string {
	return (
		`spec validation: ${counts.requests} requests, ${counts.responses} responses checked against dev/diga-api/openapi.json ` +
		`(${counts.unjudged} scripted-fault or unmatched answers not checked)${where}, ${counts.violations} violations`
	);
}
