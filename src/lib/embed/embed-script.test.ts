import { readFileSync } from 'node:fs';
import { runInNewContext } from 'node:vm';
import { brotliCompressSync, gzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';

// The partner snippet's script, exactly as /embed.js serves it.
const source = readFileSync(new URL('../../../static/embed.js', import.meta.url), 'utf8');
const APP = 'https://belajar.example';

/** Runs embed.js on a pretend partner page and returns what a partner would see. */
function runOnHostPage(attributes: Record<string, string>) {
	let listener: ((e: unknown) => void) | undefined;
	const frameWindow = {};
	const events: { type: string; detail: Record<string, unknown> }[] = [];
	const frame = {
		src: '',
		title: '',
		style: { height: '' },
		contentWindow: frameWindow,
		setAttribute(name: string, value: string) {
			if (name === 'style') this.style.height = /height:(\d+px)/.exec(value)![1];
		},
		dispatchEvent(event: { type: string; detail: Record<string, unknown> }) {
			events.push(event);
		}
	};
	const script = {
		src: `${APP}/embed.js`,
		getAttribute: (name: string) => attributes[name.replace('data-', '')] ?? null,
		parentNode: { insertBefore: () => undefined }
	};
	runInNewContext(source, {
		window: { addEventListener: (_: string, fn: (e: unknown) => void) => (listener = fn) },
		document: { currentScript: script, createElement: () => frame },
		location: { origin: 'https://desa-contoh.id' },
		URL,
		CustomEvent: class {
			constructor(
				public type: string,
				init: { detail: Record<string, unknown> }
			) {
				Object.assign(this, init);
			}
		}
	});
	const post = (data: unknown, origin = APP, source: unknown = frameWindow) =>
		listener!({ data, origin, source });
	return { frame, events, post };
}

describe('embed.js', () => {
	it('stays under 3 KB compressed', () => {
		expect(gzipSync(source, { level: 9 }).length).toBeLessThan(3072);
		expect(brotliCompressSync(source).length).toBeLessThan(3072);
	});

	it('builds the frame for the course, the partner and the host page', () => {
		const { frame } = runOnHostPage({ partner: 'ab12cd34', course: 'manajemen-usaha' });
		expect(frame.src).toBe(
			`${APP}/embed/courses/manajemen-usaha?partner=ab12cd34&origin=https%3A%2F%2Fdesa-contoh.id`
		);
		expect(frame.title).toBe('Kursus Naik Kelas');
	});

	it('resizes the frame and passes events on to the host page', () => {
		const { frame, events, post } = runOnHostPage({ partner: 'p', course: 'c' });
		post({ source: 'naik-kelas', type: 'height', height: 1234.2 });
		expect(frame.style.height).toBe('1235px');
		post({ source: 'naik-kelas', type: 'lesson-completed', course: 'c', lesson: 'l', extra: 'x' });
		expect(events.map((e) => e.detail)).toEqual([
			{ type: 'height', height: 1235 },
			{ type: 'lesson-completed', course: 'c', lesson: 'l' }
		]);
		expect(events[0].type).toBe('naik-kelas');
	});

	it('ignores messages from other origins, other windows, and in other shapes', () => {
		const { frame, events, post } = runOnHostPage({ partner: 'p', course: 'c' });
		const height = frame.style.height;
		post({ source: 'naik-kelas', type: 'height', height: 99999 }, 'https://evil.example');
		post({ source: 'naik-kelas', type: 'height', height: 700 }, APP, {});
		post('naik-kelas:height:700');
		post(null);
		post({ source: 'other', type: 'height', height: 700 });
		post({ source: 'naik-kelas', type: 'constructor' });
		post({ source: 'naik-kelas', type: 'height', height: 'tall' });
		post({ source: 'naik-kelas', type: 'height', height: 1e9 });
		expect(frame.style.height).toBe(height);
		expect(events).toEqual([]);
	});

	it('drops badge links that do not point back to the app', () => {
		const { events, post } = runOnHostPage({ partner: 'p', course: 'c' });
		post({
			source: 'naik-kelas',
			type: 'badge-awarded',
			badge: { id: 'b1', name: 'Lencana', url: 'https://evil.example/phish' }
		});
		expect(events.map((e) => e.detail)).toEqual([{ type: 'badge-awarded' }]);
	});
});
