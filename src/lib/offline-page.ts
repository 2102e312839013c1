/**
 * The page the service worker shows for a page that is not on the phone while offline: styled
 * like the app (inline, since the app's stylesheet may not be saved) and listing the courses
 * saved for offline use, so the learner has somewhere to go.
 */
export type SavedCourse = { slug: string; title: string };

const escape = (text: string) => text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

/** A saved course page's title, from its `<h1>`; the slug when it cannot be read. */
export function titleFromPage(html: string, slug: string) {
	const h1 = /<h1[^>]*>([\s\S]*?)<\/h1>/.exec(html)?.[1];
	const text = h1
		?.replace(/<[^>]*>/g, '')
		.replace(/&amp;/g, '&')
		.replace(/&lt;/g, '<')
		.replace(/&gt;/g, '>')
		.replace(/&quot;/g, '"')
		.replace(/&#39;/g, "'")
		.trim();
	return text || slug;
}

export function offlinePage(courses: SavedCourse[]) {
	const list = courses.length
		? `<h2>Kursus yang tersimpan di HP ini</h2><ul>${courses
				.map(
					(c) => `<li><a href="/courses/${encodeURIComponent(c.slug)}">${escape(c.title)}</a></li>`
				)
				.join('')}</ul>`
		: '<p>Belum ada kursus yang disimpan di HP ini. Saat tersambung internet, buka sebuah kursus dan tekan “Simpan untuk offline”.</p>';
	return `<!doctype html><html lang="id"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1"><meta name="theme-color" content="#0b5d3b"><title>Offline · Naik Kelas</title><style>
body{margin:0;font:18px/1.6 system-ui,-apple-system,'Segoe UI',Roboto,'Noto Sans',sans-serif;color:#1c1b18;background:#fffdf7}
header{background:#0b5d3b;color:#fff;padding:.75rem 1rem;font-weight:800;font-size:1.15rem}
main{max-width:40rem;margin:0 auto;padding:1rem}
h1{font-size:1.6rem;line-height:1.25;margin:.5rem 0 1rem}h2{font-size:1.3rem;line-height:1.25;margin-top:1.5rem}
.notice{padding:.75rem 1rem;border-radius:.5rem;background:#f4f1e8;border-left:4px solid #8a4b00}
ul{list-style:none;padding:0}li{margin:.5rem 0}
a{color:#0b5d3b;text-underline-offset:.15em}
li a{display:flex;align-items:center;min-height:48px;padding:.5rem 1rem;border:2px solid #d9d3c3;border-radius:.75rem;background:#fff;font-weight:700;text-decoration:none}
:focus-visible{outline:3px solid #1a4fd6;outline-offset:2px}
</style></head><body><header>Naik Kelas</header><main><h1>Anda sedang offline</h1><p class="notice">Halaman ini belum disimpan di HP ini. Kursus yang sudah disimpan tetap bisa dibuka.</p>${list}<p><a href="/">Kembali ke beranda</a></p></main></body></html>`;
}
