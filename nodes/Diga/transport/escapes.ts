/**
 * A text with its escapes undone, layer by layer, each character mapped back to the part of the
 * original text it was spelled with: so a secret that an answer carries JSON-escaped (`\"`, `\\`,
 * `\/`, `\n`, `\u0041`, `\x41`), HTML-escaped (`&amp;`, `&quot;`, `&#39;`, `&#x27;`, other named
 * entities of ASCII signs, with or without the `;`) or URL-encoded (`%41`, UTF-8 bytes, `%u0041`),
 * or escaped twice (a JSON string inside a JSON string, `&amp;quot;`, `%2541`), is found and the
 * original spelling replaced.
 */

/** How many times a text is unescaped: enough for a JSON body quoted in an HTML page, URL-encoded. */
const LAYERS = 3;

/** HTML5 named entities of the ASCII signs that have one, by lower-case name (matched in any case). */
const NAMED_ENTITIES: Record<string, string> = {
	tab: '\t', newline: '\n', excl: '!', quot: '"', num: '#', dollar: '$', percnt: '%', amp: '&', apos: "'",
	lpar: '(', rpar: ')', ast: '*', midast: '*', plus: '+', comma: ',', period: '.', sol: '/', colon: ':', semi: ';',
	lt: '<', equals: '=', gt: '>', quest: '?', commat: '@', lsqb: '[', lbrack: '[', bsol: '\\', rsqb: ']', rbrack: ']',
	hat: '^', lowbar: '_', underbar: '_', grave: '`', diacriticalgrave: '`', lcub: '{', lbrace: '{', verbar: '|',
	vert: '|', verticalline: '|', rcub: '}', rbrace: '}', nbsp: '\u00a0',
};
const SHORT_ESCAPES: Record<string, string> = { b: '\b', f: '\f', n: '\n', r: '\r', t: '\t', v: '\v', '0': '\0' };

/** Any escape of the three kinds. Groups: \u, \x, \char, &#x, &#, &name, %u, %XX with up to 3 more %XX. */
const ESCAPE =
	/\\(?:u([0-9a-f]{4})|x([0-9a-f]{2})|([\s\S]))|&(?:#x([0-9a-f]{1,8})|#(\d{1,10})|([a-z]{2,20}));?|%(?:u([0-9a-f]{4})|([0-9a-f]{2})((?:%[0-9a-f]{2}){0,3}))/gi;

/** Whether a text has anything to unescape (the cheap check before any work). */
export const MAY_BE_ESCAPED = /[\\&%]/;

export interface Layer {
	text: string;
	/** For each UTF-16 unit of `text`: where its spelling starts and ends in the original text. */
	from: number[];
	to: number[];
}

const codePoint = (value: number): string | undefined => (value <= 0x10ffff ? String.fromCodePoint(value) : undefined);

/** The character a run of %XX bytes starts with (UTF-8), and how many of the bytes it took. */
function utf8(bytes: number[]): [string, number] | undefined {
	const [lead] = bytes;
	if (lead < 0x80) return [String.fromCharCode(lead), 1];
	const size = lead >= 0xf0 ? 4 : lead >= 0xe0 ? 3 : lead >= 0xc0 ? 2 : 0;
	if (size === 0 || bytes.length < size) return undefined;
	let value = lead & (0xff >> (size + 1));
	for (const byte of bytes.slice(1, size)) {
		if ((byte & 0xc0) !== 0x80) return undefined;
		value = (value << 6) | (byte & 0x3f);
	}
	const char = codePoint(value);
	return char === undefined ? undefined : [char, size];
}

/** The escape `match` stands for, and how many of its characters it takes; `undefined` if it stands for nothing. */
function unescape(match: RegExpExecArray): [string, number] | undefined {
	const [whole, u, x, char, hexEntity, decimalEntity, name, percentU, byte, moreBytes] = match;
	const hex = (digits: string) => parseInt(digits, 16);
	if (u ?? percentU) return [String.fromCharCode(hex(u ?? percentU)), whole.length];
	if (x) return [String.fromCharCode(hex(x)), whole.length];
	if (char !== undefined) return [SHORT_ESCAPES[char] ?? char, whole.length];
	if (hexEntity ?? decimalEntity) {
		const value = codePoint(hexEntity ? hex(hexEntity) : Number(decimalEntity));
		return value === undefined ? undefined : [value, whole.length];
	}
	if (name) {
		const value = NAMED_ENTITIES[name.toLowerCase()];
		return value === undefined ? undefined : [value, whole.length];
	}
	const bytes = [byte, ...(moreBytes.match(/[0-9a-f]{2}/gi) ?? [])].map(hex);
	const decoded = utf8(bytes);
	return decoded && [decoded[0], decoded[1] * 3];
}

/** Escapes of one kind, by their first character; `all` undoes the three at once. */
type Kind = 'all' | '\\' | '&' | '%';
const KINDS: Kind[] = ['all', '\\', '&', '%'];

/** `layer` with one level of escapes of `kind` undone; `undefined` when it has none. */
function unescapeOnce(layer: Layer, kind: Kind): Layer | undefined {
	const { text } = layer;
	const next: Layer = { text: '', from: [], to: [] };
	const keep = (start: number, end: number) => {
		next.text += text.slice(start, end);
		for (let index = start; index < end; index++) {
			next.from.push(layer.from[index]);
			next.to.push(layer.to[index]);
		}
	};
	const escape = new RegExp(ESCAPE);
	let at = 0;
	for (let match = escape.exec(text); match; match = escape.exec(text)) {
		const found = kind === 'all' || match[0][0] === kind ? unescape(match) : undefined;
		// What stands for nothing (`%C3%41`, `&nosuch;`) stays; an escape may start inside it (`%41`).
		escape.lastIndex = match.index + (found ? found[1] : 1);
		if (!found) continue;
		const [value, length] = found;
		keep(at, match.index);
		next.text += value;
		for (let unit = 0; unit < value.length; unit++) {
			next.from.push(layer.from[match.index]);
			next.to.push(layer.to[match.index + length - 1]);
		}
		at = match.index + length;
	}
	if (at === 0) return undefined;
	keep(at, text.length);
	return next;
}

/**
 * The layers of `text` unescaped once, twice… (not `text` itself), while there is something to
 * undo: all kinds at once, and each kind in `alone` on its own, so that a secret holding a `\\`, `&`
 * or `%` of its own (pass those) is found where only another kind of escape was applied to it.
 */
export function* unescapedLayers(text: string, alone: readonly string[] = []): Generator<Layer> {
	const kinds = KINDS.filter((kind) => kind === 'all' || alone.includes(kind));
	const identity = [...Array(text.length).keys()];
	let current: Layer[] = [{ text, from: identity, to: identity.map((index) => index + 1) }];
	const seen = new Set([text]);
	for (let depth = 0; depth < LAYERS && current.length; depth++) {
		const next: Layer[] = [];
		for (const layer of current) {
			if (!MAY_BE_ESCAPED.test(layer.text)) continue;
			for (const kind of kinds) {
				const unescaped = unescapeOnce(layer, kind);
				if (!unescaped || seen.has(unescaped.text)) continue;
				seen.add(unescaped.text);
				next.push(unescaped);
				yield unescaped;
			}
		}
		current = next;
	}
}
