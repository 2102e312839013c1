/**
 * WordPress's own embed protocol, for a lesson pasted as a plain link (oEmbed): WordPress
 * frames /embed/… with `sandbox="allow-scripts"` and `#?secret=…`, keeps the frame hidden until
 * it reports a height (clamped to 200–1000 px), and opens a link at top level when asked.
 * Inline and dependency-free, since the sandboxed frame may not load our modules; it does
 * nothing outside WordPress. It sends only heights and our own links, never personal data.
 */
export const WP_EMBED_SCRIPT = `(function () {
	var m = /[#&?]secret=([A-Za-z0-9]{1,20})/.exec(location.hash);
	if (!m || parent === window) return;
	var send = function (message, value) {
		parent.postMessage({ message: message, value: value, secret: m[1] }, '*');
	};
	var last = 0;
	var measure = function () {
		var box = document.querySelector('.embed') || document.body;
		var h = Math.ceil(box.getBoundingClientRect().height);
		if (h !== last) send('height', (last = h));
	};
	document.addEventListener('DOMContentLoaded', function () {
		measure();
		if (window.ResizeObserver)
			new ResizeObserver(measure).observe(document.querySelector('.embed') || document.body);
	});
	addEventListener('load', measure);
	document.addEventListener('click', function (e) {
		var a = e.target.closest && e.target.closest('a[href]');
		if (!a || e.button || e.ctrlKey || e.metaKey || e.shiftKey) return;
		if (a.target === '_blank') {
			e.preventDefault();
			send('link', a.href);
		} else if (a.origin === location.origin && a.pathname !== location.pathname) {
			// A whole page load inside the frame, keeping the secret so the next page still talks.
			e.preventDefault();
			location.href = a.href.split('#')[0] + '#?secret=' + m[1];
		}
	}, true);
})();`;

/** The script as a tag for the page head. */
export const WP_EMBED_TAG = `<script>${WP_EMBED_SCRIPT}</script>`;
