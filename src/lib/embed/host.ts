/**
 * Messages from an embed to the partner page around it, always sent to the one origin the
 * server confirmed is registered for the partner (never '*'). The format is public: partners
 * listen for it (README, "Untuk mitra"), and /embed.js checks it before passing it on.
 */
export const MESSAGE_SOURCE = 'naik-kelas';

export type HostMessage =
	| { type: 'ready'; course: string; lesson: string | null }
	/** The learner followed a link inside the frame: the host shows the frame's top. */
	| { type: 'navigated'; course: string; lesson: string | null }
	| { type: 'height'; height: number }
	| { type: 'lesson-completed'; course: string; lesson: string }
	| { type: 'quiz-passed'; course: string; score: number }
	| { type: 'badge-awarded'; badge: { id: string; name: string; url: string } };

let hostOrigin: string | null = null;

export function connectHost(origin: string | null) {
	hostOrigin = origin;
}

export function tellHost(message: HostMessage) {
	if (!hostOrigin || window.parent === window) return;
	window.parent.postMessage({ source: MESSAGE_SOURCE, ...message }, hostOrigin);
}

/** Tells the host the height of `element` whenever it changes, so the frame fits its content. */
export function reportHeight(element: HTMLElement) {
	let last = 0;
	const observer = new ResizeObserver(() => {
		const height = Math.ceil(element.getBoundingClientRect().height);
		if (height === last) return;
		last = height;
		tellHost({ type: 'height', height });
	});
	observer.observe(element);
	return () => observer.disconnect();
}
