import { createHmac } from 'node:crypto';

import type { WebhookRecord } from './routes/webhook';

/**
 * The test server's deliveries of `status_changed`. Diga documents neither the body of a delivery
 * nor how `Diga-Signature` is computed: both are THIS SERVER'S OWN CHOICE, not Diga's —
 * body `{ "event": "status_changed", "call_id", "status", "occurred_at" }`, signature
 * `t=<unix seconds>,v1=<hex HMAC-SHA256(secret, "<t>.<body>")>`. The node must not depend on either.
 */
export interface Delivery {
	url: string;
	body: string;
	headers: Record<string, string>;
	/** Why it was sent: a call changed, a scripted repeat, or a forgery. */
	kind: 'event' | 'repeat' | 'forged' | 'released';
	callId?: string;
	/** When the call changed (ms), for latency figures. */
	changedAt: number;
	/** n8n's HTTP status, or `lost` (never sent), `held` (waiting for `releaseHeld`), `error`. */
	outcome?: number | 'lost' | 'held' | 'error';
	answeredMs?: number;
}

/** What happens to the next deliveries: sent twice, lost, or held back and sent after later ones (out of order). */
export type DeliveryFault = 'repeat' | 'lose' | 'hold';

export function signature(secret: string, body: string, at = Date.now()): string {
	const t = Math.floor(at / 1000);
	return `t=${t},v1=${createHmac('sha256', secret).update(`${t}.${body}`).digest('hex')}`;
}

export class Deliveries {
	readonly log: Delivery[] = [];
	private faults: DeliveryFault[] = [];
	private held: Delivery[] = [];
	private readonly pending = new Set<Promise<void>>();

	/** The next deliveries meet these faults, one each, in order. */
	fault(...faults: DeliveryFault[]): void {
		this.faults.push(...faults);
	}

	/** The call changed: every webhook subscribed to `status_changed` gets a delivery. */
	statusChanged(webhooks: WebhookRecord[], call: { id: string; status: string }): void {
		const changedAt = Date.now();
		for (const webhook of webhooks.filter((w) => w.subscribed_events.includes('status_changed'))) {
			const body = JSON.stringify({ event: 'status_changed', call_id: call.id, status: call.status, occurred_at: new Date(changedAt).toISOString() });
			const delivery: Delivery = { url: webhook.url, body, headers: this.headers(webhook.secret, body), kind: 'event', callId: call.id, changedAt };
			const fault = this.faults.shift();
			if (fault === 'lose') {
				this.log.push({ ...delivery, outcome: 'lost' });
			} else if (fault === 'hold') {
				this.log.push(delivery);
				delivery.outcome = 'held';
				this.held.push(delivery);
			} else {
				this.send(delivery);
				if (fault === 'repeat') this.send({ ...delivery, kind: 'repeat' });
			}
		}
	}

	/** Sends the held deliveries now, after those sent since (out of order). */
	releaseHeld(): void {
		for (const delivery of this.held.splice(0)) this.send({ ...delivery, kind: 'released', outcome: undefined });
	}

	/** A request to `url` that did not come from the server: any body, a signature made with a wrong secret. */
	forge(url: string, body: unknown = { event: 'status_changed' }): void {
		const text = JSON.stringify(body);
		this.send({ url, body: text, headers: this.headers('not-the-secret', text), kind: 'forged', changedAt: Date.now() });
	}

	/** Resolves once every delivery sent so far has been answered. */
	async settled(): Promise<void> {
		while (this.pending.size) await Promise.all([...this.pending]);
	}

	private headers(secret: string, body: string): Record<string, string> {
		return { 'content-type': 'application/json', 'diga-signature': signature(secret, body) };
	}

	private send(delivery: Delivery): void {
		if (!this.log.includes(delivery)) this.log.push(delivery);
		const started = Date.now();
		const sending = fetch(delivery.url, { method: 'POST', headers: delivery.headers, body: delivery.body })
			.then(async (response) => {
				await response.arrayBuffer();
				delivery.outcome = response.status;
			})
			.catch(() => {
				delivery.outcome = 'error';
			})
			.finally(() => {
				delivery.answeredMs = Date.now() - started;
				this.pending.delete(sending);
			});
		this.pending.add(sending);
	}
}
