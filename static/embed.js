/*! Naik Kelas embed. Paste where the course should appear:
 <script src="https://APP/embed.js" data-partner="ID" data-course="SLUG" async></script>
 Optional: data-lesson="SLUG", data-title="…". Listen with
 document.addEventListener('naik-kelas', function (e) { console.log(e.detail) }) */
(function (w, d) {
	var s = d.currentScript;
	if (!s || !s.src) return;
	var app = new URL(s.src).origin;
	var TYPES = /^(ready|height|navigated|lesson-completed|quiz-passed|badge-awarded)$/;
	var attr = function (n) {
		return s.getAttribute('data-' + n) || '';
	};
	var f = d.createElement('iframe');
	f.src =
		app +
		'/embed/courses/' +
		encodeURIComponent(attr('course')) +
		(attr('lesson') ? '/' + encodeURIComponent(attr('lesson')) : '') +
		'?partner=' +
		encodeURIComponent(attr('partner')) +
		'&origin=' +
		encodeURIComponent(location.origin);
	f.title = attr('title') || 'Kursus Naik Kelas';
	f.setAttribute('style', 'display:block;width:100%;height:600px;border:0');
	s.parentNode.insertBefore(f, s);

	function text(v) {
		return typeof v == 'string' && v.length <= 200 ? v : undefined;
	}

	// Only our own frame's messages, in our format; anything else on the page is not ours.
	function read(e) {
		var x = e.data;
		if (e.origin !== app || e.source !== f.contentWindow) return;
		if (!x || typeof x != 'object' || x.source !== 'naik-kelas' || !TYPES.test(x.type)) return;
		var m = { type: '' + x.type };
		if (x.type == 'height') {
			var h = Math.ceil(+x.height);
			if (!(h >= 50 && h <= 50000)) return;
			m.height = h;
		}
		if (text(x.course)) m.course = x.course;
		if (text(x.lesson)) m.lesson = x.lesson;
		if (typeof x.score == 'number' && x.score >= 0 && x.score <= 100) m.score = x.score;
		var b = x.badge;
		if (b && text(b.id) && text(b.name) && text(b.url) && b.url.indexOf(app + '/') === 0)
			m.badge = { id: b.id, name: b.name, url: b.url };
		return m;
	}

	w.addEventListener('message', function (e) {
		var m = read(e);
		if (!m) return;
		if (m.type == 'height') f.style.height = m.height + 'px';
		// A link followed in the frame: show the new page's top, not where the tap was.
		if (m.type == 'navigated' && f.getBoundingClientRect().top < 0) f.scrollIntoView();
		f.dispatchEvent(new CustomEvent('naik-kelas', { bubbles: true, detail: m }));
	});
})(window, document);
