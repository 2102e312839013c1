import { findCourse, findLesson } from '$lib/server/content/catalog';

/**
 * oEmbed (https://oembed.com) for our course and lesson pages, so a WordPress author can
 * paste a link on its own line. The HTML survives WordPress's filter for discovered providers:
 * a blockquote with a link (shown until the frame reports its height through WordPress's own
 * wp-embed messages) and an iframe of the chrome-less /embed page. No scrolling="no":
 * WordPress caps the frame at 1000 px, so a long lesson scrolls inside it.
 */
export type OembedAnswer =
	| { status: 200; format: 'json' | 'xml'; body: Record<string, string | number> }
	| { status: 400 | 404 | 501; error: string };

const DEFAULT_WIDTH = 600;
const DEFAULT_HEIGHT = 800;
/** Our square app icons, largest first: the thumbnail is the largest that fits the limits. */
const THUMBNAILS = [512, 192];

const escape = (s: string) => s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

/**
 * A maxwidth/maxheight: any positive whole number (oEmbed §2.2: the provider must answer within
 * it, however small; a large one just does not limit us). Anything else is a 400.
 */
function size(value: string | null): number | null | 'bad' {
	if (value === null || value === '') return null;
	if (!/^\d{1,9}$/.test(value)) return 'bad';
	const n = Number(value);
	return n < 1 ? 'bad' : n;
}

/** The thumbnail fields, within both limits, or none when no icon is small enough. */
function thumbnail(
	base: string,
	maxWidth: number | null,
	maxHeight: number | null
): Record<string, string | number> {
	const fits = THUMBNAILS.find((px) => px <= (maxWidth ?? px) && px <= (maxHeight ?? px));
	return fits
		? {
				thumbnail_url: `${base}/icons/icon-${fits}.png`,
				thumbnail_width: fits,
				thumbnail_height: fits
			}
		: {};
}

/** The course (and lesson) an address of ours names, or null for anything else. */
function target(raw: string, base: string) {
	let url: URL;
	try {
		url = new URL(raw);
	} catch {
		return null;
	}
	if (url.origin !== new URL(base).origin) return null;
	const m = /^\/(?:embed\/)?courses\/([a-z0-9-]+)(?:\/([a-z0-9-]+))?\/?$/.exec(url.pathname);
	if (!m) return null;
	if (m[2]) {
		const found = findLesson(m[1], m[2]);
		return found
			? { title: `${found.lesson.title} · ${found.course.title}`, path: `/courses/${m[1]}/${m[2]}` }
			: null;
	}
	const course = findCourse(m[1]);
	return course ? { title: course.title, path: `/courses/${m[1]}` } : null;
}

export function oembed(params: URLSearchParams, base: string): OembedAnswer {
	const format = params.get('format') || 'json';
	// oEmbed §2.3.4: a format the provider does not offer is 501 Not Implemented.
	if (format !== 'json' && format !== 'xml')
		return { status: 501, error: 'format must be json or xml' };
	const maxWidth = size(params.get('maxwidth'));
	const maxHeight = size(params.get('maxheight'));
	if (maxWidth === 'bad' || maxHeight === 'bad')
		return { status: 400, error: 'maxwidth and maxheight must be positive whole numbers' };
	const raw = params.get('url');
	if (!raw || raw.length > 2000) return { status: 400, error: 'url is required' };
	const found = target(raw, base);
	if (!found) return { status: 404, error: 'not a course or lesson of this site' };

	const width = Math.min(DEFAULT_WIDTH, maxWidth ?? DEFAULT_WIDTH);
	const height = Math.min(DEFAULT_HEIGHT, maxHeight ?? DEFAULT_HEIGHT);
	const page = `${base}${found.path}`;
	const title = escape(found.title);
	const html =
		`<blockquote class="wp-embedded-content"><a href="${page}">${title}</a></blockquote>` +
		`<iframe class="wp-embedded-content" src="${base}/embed${found.path}" ` +
		`width="${width}" height="${height}" title="${title}" frameborder="0"></iframe>`;
	return {
		status: 200,
		format,
		body: {
			version: '1.0',
			type: 'rich',
			provider_name: 'Naik Kelas',
			provider_url: base,
			title: found.title,
			html,
			width,
			height,
			...thumbnail(base, maxWidth, maxHeight),
			cache_age: 86400
		}
	};
}

/** The same answer as oEmbed's XML. */
export function toXml(body: Record<string, string | number>) {
	const fields = Object.entries(body)
		.map(([k, v]) => `<${k}>${escape(String(v))}</${k}>`)
		.join('');
	return `<?xml version="1.0" encoding="utf-8" standalone="yes"?><oembed>${fields}</oembed>`;
}
