/** The badge picture: a medal in the kind's colour with the badge's name, as a small SVG. */
const COLOURS = {
	course: { ring: '#0b5d3b', fill: '#e2f3e6', text: '#073f28' },
	tier: { ring: '#8a4b00', fill: '#fdf0d5', text: '#5a3100' }
} as const;

function escapeXml(text: string) {
	return text.replace(/[<>&"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

/** Splits a name into at most three lines of about 14 characters. */
function lines(name: string) {
	const out: string[] = [];
	for (const word of name.split(/\s+/)) {
		const last = out[out.length - 1];
		if (last !== undefined && (last + ' ' + word).length <= 14)
			out[out.length - 1] = `${last} ${word}`;
		else out.push(word);
	}
	return out.slice(0, 3);
}

export function badgeSvg(kind: 'course' | 'tier', name: string) {
	const c = COLOURS[kind];
	const rows = lines(name);
	const top = 100 - (rows.length - 1) * 11;
	const text = rows
		.map(
			(row, i) =>
				`<text x="100" y="${top + i * 22}" font-size="18" font-weight="700" text-anchor="middle" fill="${c.text}">${escapeXml(row)}</text>`
		)
		.join('');
	return `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 200 200" role="img" aria-label="${escapeXml(name)}"><title>${escapeXml(name)}</title><circle cx="100" cy="100" r="94" fill="${c.ring}"/><circle cx="100" cy="100" r="80" fill="${c.fill}"/><path d="M100 30l7 14 15 2-11 10 3 15-14-7-14 7 3-15-11-10 15-2z" fill="${c.ring}"/>${text}<text x="100" y="160" font-size="12" font-weight="700" letter-spacing="2" text-anchor="middle" fill="${c.ring}">NAIK KELAS</text><style>text{font-family:system-ui,sans-serif}</style></svg>`;
}
