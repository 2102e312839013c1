// Figures, budgets and the table printed at the end of a bench run.
import { execFileSync } from 'node:child_process';
import { mkdir, writeFile } from 'node:fs/promises';
import os from 'node:os';
import { dirname } from 'node:path';

export const KB = 1024;

/**
 * One measured figure. A budget is one of `max` (value ≤ max), `below` (value < below) or
 * `min` (value ≥ min); without one the figure is for information. A null value means the
 * measurement could not be made (`note` says why).
 * @param {string} section
 * @param {string} label
 * @param {number | string | boolean | null} value
 * @param {{ unit?: string, max?: number, below?: number, min?: number, note?: string,
 *   status?: 'ok' | 'MISS' | 'info' | 'n/a' | 'error' }} [opts]
 */
export function figure(section, label, value, opts = {}) {
	const { unit = '', max, below, min, note = '' } = opts;
	let budget = null;
	let ok = null;
	if (max !== undefined) budget = { op: '≤', limit: max };
	else if (below !== undefined) budget = { op: '<', limit: below };
	else if (min !== undefined) budget = { op: '≥', limit: min };
	if (budget && typeof value === 'number') {
		ok =
			budget.op === '≤'
				? value <= budget.limit
				: budget.op === '<'
					? value < budget.limit
					: value >= budget.limit;
	}
	const status =
		opts.status ?? (value === null ? 'n/a' : ok === null ? 'info' : ok ? 'ok' : 'MISS');
	return { section, label, value, unit, budget, status, note };
}

/**
 * A measurement that could not run at all, shown as one line.
 * @param {string} section @param {string} label @param {string} note
 * @param {'ok' | 'MISS' | 'info' | 'n/a' | 'error'} [status]
 */
export function unavailable(section, label, note, status = 'n/a') {
	return figure(section, label, null, { note, status });
}

export function formatValue(value, unit) {
	if (value === null || value === undefined) return '–';
	if (typeof value !== 'number') return String(value);
	switch (unit) {
		case 'B':
			return value < KB ? `${value} B` : `${(value / KB).toFixed(1)} KB`;
		case 'ms':
			return `${Math.round(value).toLocaleString('en-US')} ms`;
		case 'x':
			return `${value.toFixed(2)}×`;
		case '':
			return Number.isInteger(value) ? value.toLocaleString('en-US') : value.toFixed(2);
		default:
			return `${(Number.isInteger(value) ? value : Math.round(value)).toLocaleString('en-US')} ${unit}`;
	}
}

function formatBudget(row) {
	if (!row.budget) return '';
	return `${row.budget.op} ${formatValue(row.budget.limit, row.unit)}`;
}

/** The figures as a plain-text table, one block per section. */
export function table(rows) {
	const cells = rows.map((r) => [
		r.label,
		formatValue(r.value, r.unit),
		formatBudget(r),
		r.status,
		r.note
	]);
	const head = ['measurement', 'figure', 'budget', 'result', 'note'];
	const widths = head.map((h, i) =>
		Math.max(h.length, ...cells.map((c) => (i === 4 ? 0 : c[i].length)))
	);
	const line = (c) =>
		c
			.map((v, i) => (i === 1 ? v.padStart(widths[i]) : i === 4 ? v : v.padEnd(widths[i])))
			.join('  ')
			.trimEnd();
	const out = [line(head), widths.map((w) => '-'.repeat(w)).join('  ')];
	let section = null;
	rows.forEach((r, i) => {
		if (r.section !== section) {
			section = r.section;
			out.push('', `## ${section}`);
		}
		out.push(line(cells[i]));
	});
	return out.join('\n');
}

/** The same figures as a Markdown table (for BENCHMARKS.md). */
export function markdownTable(rows) {
	const esc = (s) => String(s).replaceAll('|', '\\|');
	const out = [
		'| section | measurement | figure | budget | result | note |',
		'| --- | --- | --- | --- | --- | --- |'
	];
	for (const r of rows)
		out.push(
			`| ${[r.section, r.label, formatValue(r.value, r.unit), formatBudget(r), r.status, r.note].map(esc).join(' | ')} |`
		);
	return out.join('\n');
}

export function machine() {
	let chromium = null;
	try {
		chromium = execFileSync(process.env.CHROMIUM_PATH || '/usr/bin/chromium', ['--version'], {
			encoding: 'utf8',
			stdio: ['ignore', 'pipe', 'ignore']
		}).trim();
	} catch {
		// Reported as unknown.
	}
	return {
		cores: os.cpus().length,
		cpu: os.cpus()[0]?.model ?? 'unknown',
		memoryGiB: Math.round((os.totalmem() / 1024 ** 3) * 10) / 10,
		os: `${os.type()} ${os.release()}`,
		node: process.version,
		chromium,
		/** Other work on the machine skews the figures: the 1-minute load average at the end. */
		loadAverage: Math.round(os.loadavg()[0] * 100) / 100
	};
}

/** Writes the run as JSON, formatted the way the repository's prettier wants it. */
export async function writeResults(path, results) {
	let text = JSON.stringify(results, null, '\t') + '\n';
	try {
		const prettier = await import('prettier');
		const config = (await prettier.resolveConfig(path)) ?? {};
		text = await prettier.format(text, { ...config, filepath: path });
	} catch {
		// Plain JSON is fine too.
	}
	await mkdir(dirname(path), { recursive: true });
	await writeFile(path, text);
}

/** Failed budgets and measurements that broke; --strict exits non-zero when there are any. */
export function failures(rows) {
	return rows.filter((r) => r.status === 'MISS' || r.status === 'error');
}
