import { adminExists } from './accounts';

// Once an admin exists the answer never goes back to "no", so one query per process suffices.
let done = false;

export async function isSetupDone() {
	if (!done) done = await adminExists();
	return done;
}

export function markSetupDone() {
	done = true;
}
