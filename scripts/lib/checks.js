// The pass/fail bookkeeping the ops tests (crash, backup) share: each check prints one line,
// and finish() prints the verdict and exits with its status.

/** @param {string} name e.g. 'CRASH TEST' */
export function checklist(name) {
	/** @type {boolean[]} */
	const results = [];
	return {
		/**
		 * @param {boolean} ok
		 * @param {string} what
		 * @param {string} [detail]
		 */
		check(ok, what, detail = '') {
			results.push(ok);
			console.log(`${ok ? '  ok  ' : '  FAIL'}  ${what}${detail ? ` (${detail})` : ''}`);
		},
		/** @returns {never} */
		finish() {
			const failed = results.filter((ok) => !ok).length;
			console.log(
				failed
					? `${name} FAILED: ${failed} of ${results.length} checks`
					: `${name} PASSED: ${results.length} checks`
			);
			process.exit(failed ? 1 : 0);
		}
	};
}
