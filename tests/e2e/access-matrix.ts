/**
 * Who may reach what: one row per route, page, endpoint method and form action in src/routes
 * (tests/e2e/routes.ts lists them; a route without a row here fails the tests, by name).
 *
 * Columns are the HTTP status each visitor gets, requests sent as a browser without JavaScript
 * would (pages with Accept: text/html, redirects not followed):
 *   anon     nobody signed in
 *   owner    Sri, a learner: she owns the business, evidence, badge and review in the paths
 *   other    Budi, another learner
 *   trainer  Tutik, trainer of the cohort Sri is in
 *   stranger Hadi, a trainer whose cohort Sri is not in
 *   admin    the PKK admin
 *
 * Placeholders in paths are filled from what the test seeds: {course}, {lesson}, {badge}
 * (Sri's course badge), {business}, {tier}, {item} (Sri's evidence photo), {cohort} (Tutik's
 * cohort), {date} (a session date of it, today), {review} (Sri's tier review), {joinCode} (a
 * cohort of the admin's, so joining it gives no one new rights), {userId} (Sri's account id),
 * {otherId} (Budi's, who is in no cohort of Tutik's), {partner} (an embedding partner), {base}
 * (the server's own address).
 *
 * Form actions are sent input that fails validation where possible: 400 then means "allowed in,
 * turned away for the input", and nothing changes. 303 for anon is the redirect to /login.
 */
export type Status = number;
export type Row = {
	/** As tests/e2e/routes.ts names it, e.g. `POST /account?/evidence`. */
	key: string;
	path: string;
	/** Form fields for actions, or a JSON body for endpoints (sent as application/json). */
	form?: Record<string, string>;
	json?: unknown;
	/** anon, owner, other, trainer, stranger, admin */
	expect: [Status, Status, Status, Status, Status, Status];
	/** Ends the session: run after every other row. */
	last?: boolean;
};

export const VISITORS = ['anon', 'owner', 'other', 'trainer', 'stranger', 'admin'] as const;

const PUBLIC: Row['expect'] = [200, 200, 200, 200, 200, 200];
const SIGNED_IN: Row['expect'] = [303, 200, 200, 200, 200, 200];
const TRAINERS: Row['expect'] = [303, 403, 403, 200, 200, 200];
const ADMINS: Row['expect'] = [303, 403, 403, 403, 403, 200];
/** Tutik's cohort: hers and the admins'; another trainer cannot even learn that it exists. */
const COHORT: Row['expect'] = [303, 403, 403, 200, 404, 200];
const COHORT_400: Row['expect'] = [303, 403, 403, 400, 404, 400];

// prettier-ignore
export const MATRIX: Row[] = [
	// key                                          path                                     anon owner other trainer stranger admin
	{ key: 'PAGE /',                                path: '/',                               expect: PUBLIC },
	{ key: 'PAGE /courses',                         path: '/courses',                        expect: PUBLIC },
	{ key: 'PAGE /courses/[course]',                path: '/courses/{course}',               expect: PUBLIC },
	{ key: 'PAGE /courses/[course]/[lesson]',       path: '/courses/{course}/{lesson}',      expect: PUBLIC },
	{ key: 'POST /courses/[course]/[lesson]?/complete', path: '/courses/{course}/{lesson}?/complete', form: {},
		expect: [401, 200, 200, 200, 200, 200] },
	{ key: 'PAGE /courses/[course]/quiz',           path: '/courses/{course}/quiz',          expect: PUBLIC },
	// Complete (wrong) answers: a guest's wait for the login, the others are graded.
	{ key: 'POST /courses/[course]/quiz',           path: '/courses/{course}/quiz',          form: { quiz: 'wrong' },
		expect: [303, 200, 200, 200, 200, 200] },

	{ key: 'PAGE /account',                         path: '/account',                        expect: SIGNED_IN },
	{ key: 'POST /account?/business',               path: '/account?/business',              form: { name: '' },
		expect: [303, 400, 400, 400, 400, 400] },
	{ key: 'POST /account?/evidence',               path: '/account?/evidence',              form: { tier: 'nope', item: 'nope' },
		expect: [303, 400, 400, 400, 400, 400] },
	{ key: 'POST /account?/review',                 path: '/account?/review',                form: { tier: 'nope' },
		expect: [303, 400, 400, 400, 400, 400] },
	{ key: 'POST /account?/password',               path: '/account?/password',              form: { current: 'not it' },
		expect: [303, 400, 400, 400, 400, 400] },
	// Personal data: each visitor downloads only their own; deletion with a wrong password is
	// refused (400) and deletes nothing.
	// Choosing a password without the current one is only for a one-time code's sign-in: everyone
	// else is sent to the account page (whose form asks for the current password).
	{ key: 'PAGE /account/password',                path: '/account/password',               expect: [303, 303, 303, 303, 303, 303] },
	{ key: 'POST /account/password',                path: '/account/password',               form: { password: 'x', confirm: 'y' },
		expect: [303, 303, 303, 303, 303, 303] },
	{ key: 'GET /account/export',                   path: '/account/export',                 expect: SIGNED_IN },
	{ key: 'PAGE /account/delete',                  path: '/account/delete',                 expect: SIGNED_IN },
	{ key: 'POST /account/delete',                  path: '/account/delete',                 form: { password: 'bukan sandinya' },
		expect: [303, 400, 400, 400, 400, 400] },
	// Evidence photos: the owner and those who may review her (her trainer, admins); 404 for the rest.
	{ key: 'GET /evidence/[business]/[tier]/[item]', path: '/evidence/{business}/{tier}/{item}',
		expect: [404, 200, 404, 200, 404, 200] },

	{ key: 'PAGE /admin',                           path: '/admin',                          expect: [303, 403, 403, 403, 403, 200] },
	{ key: 'GET /admin/dashboard.csv',              path: '/admin/dashboard.csv',            expect: [303, 403, 403, 403, 403, 200] },
	// An account id that does not exist: admins get 404, and nobody is disabled or enabled.
	{ key: 'POST /admin/users?/disable',            path: '/admin/users?/disable',           form: { userId: 'tidak-ada' },
		expect: [303, 403, 403, 403, 403, 404] },
	{ key: 'POST /admin/users?/enable',             path: '/admin/users?/enable',            form: { userId: 'tidak-ada' },
		expect: [303, 403, 403, 403, 403, 404] },
	{ key: 'PAGE /admin/users',                     path: '/admin/users',                    expect: [303, 403, 403, 403, 403, 200] },
	{ key: 'POST /admin/users?/role',               path: '/admin/users?/role',              form: { userId: '{userId}', role: 'boss' },
		expect: [303, 403, 403, 403, 403, 400] },

	{ key: 'PAGE /trainer',                         path: '/trainer',                        expect: TRAINERS },
	{ key: 'POST /trainer?/create',                 path: '/trainer?/create',                form: { name: '' },
		expect: [303, 403, 403, 400, 400, 400] },
	{ key: 'PAGE /trainer/cohorts/[id]',            path: '/trainer/cohorts/{cohort}',       expect: COHORT },
	// The join code changes (nobody uses Tutik's after seeding); closed, then opened again.
	{ key: 'POST /trainer/cohorts/[id]?/rotate',    path: '/trainer/cohorts/{cohort}?/rotate', form: {}, expect: COHORT },
	{ key: 'POST /trainer/cohorts/[id]?/close',     path: '/trainer/cohorts/{cohort}?/close', form: {}, expect: COHORT },
	{ key: 'POST /trainer/cohorts/[id]?/open',      path: '/trainer/cohorts/{cohort}?/open', form: {}, expect: COHORT },
	// Budi is no participant of Tutik's: her trainer and admins are let in and told "not here"
	// (404), and no password is reset.
	{ key: 'POST /trainer/cohorts/[id]?/reset',     path: '/trainer/cohorts/{cohort}?/reset', form: { member: '{otherId}' },
		expect: [303, 403, 403, 404, 404, 404] },
	{ key: 'PAGE /trainer/cohorts/[id]/edit',       path: '/trainer/cohorts/{cohort}/edit',  expect: COHORT },
	{ key: 'POST /trainer/cohorts/[id]/edit',       path: '/trainer/cohorts/{cohort}/edit',  form: { name: '' },
		expect: COHORT_400 },
	// Only an admin hands a cohort over; its own trainer cannot give it (and its people) away.
	{ key: 'PAGE /trainer/cohorts/[id]/hand-over',  path: '/trainer/cohorts/{cohort}/hand-over', expect: ADMINS },
	{ key: 'POST /trainer/cohorts/[id]/hand-over',  path: '/trainer/cohorts/{cohort}/hand-over', form: { trainer: '' },
		expect: [303, 403, 403, 403, 403, 400] },
	{ key: 'PAGE /trainer/cohorts/[id]/participants', path: '/trainer/cohorts/{cohort}/participants', expect: COHORT },
	{ key: 'POST /trainer/cohorts/[id]/participants', path: '/trainer/cohorts/{cohort}/participants', form: { csv: '' },
		expect: COHORT_400 },
	{ key: 'PAGE /trainer/cohorts/[id]/poster',     path: '/trainer/cohorts/{cohort}/poster', expect: COHORT },
	{ key: 'PAGE /trainer/cohorts/[id]/progress',   path: '/trainer/cohorts/{cohort}/progress', expect: COHORT },
	{ key: 'GET /trainer/cohorts/[id]/progress.json', path: '/trainer/cohorts/{cohort}/progress.json', expect: COHORT },
	{ key: 'GET /trainer/cohorts/[id]/export/progress.csv', path: '/trainer/cohorts/{cohort}/export/progress.csv', expect: COHORT },
	{ key: 'GET /trainer/cohorts/[id]/export/attendance.csv', path: '/trainer/cohorts/{cohort}/export/attendance.csv', expect: COHORT },
	{ key: 'PAGE /trainer/cohorts/[id]/attendance', path: '/trainer/cohorts/{cohort}/attendance', expect: COHORT },
	// A date that is no session of the cohort: refused, nobody's attendance is touched.
	{ key: 'POST /trainer/cohorts/[id]/attendance?/save', path: '/trainer/cohorts/{cohort}/attendance?/save', form: { date: '1999-01-01', present: '{userId}' },
		expect: COHORT_400 },
	{ key: 'PAGE /trainer/cohorts/[id]/attendance/[date]/projector', path: '/trainer/cohorts/{cohort}/attendance/{date}/projector', expect: COHORT },
	{ key: 'GET /trainer/cohorts/[id]/attendance/[date]/code.json', path: '/trainer/cohorts/{cohort}/attendance/{date}/code.json', expect: COHORT },
	// Showing a lesson on the projector: any trainer; another's cohort in the query is ignored.
	{ key: 'PAGE /trainer/present',                 path: '/trainer/present?cohort={cohort}', expect: TRAINERS },
	{ key: 'PAGE /trainer/present/[course]/[lesson]', path: '/trainer/present/{course}/{lesson}', expect: TRAINERS },
	{ key: 'PAGE /trainer/reviews',                 path: '/trainer/reviews',                expect: TRAINERS },
	{ key: 'PAGE /trainer/reviews/[id]',            path: '/trainer/reviews/{review}',       expect: [303, 403, 403, 200, 404, 200] },
	{ key: 'POST /trainer/reviews/[id]?/decide',    path: '/trainer/reviews/{review}?/decide', form: { decision: 'maybe' },
		expect: [303, 403, 403, 400, 404, 400] },
	// Tier badges whose basis changed: each trainer sees those they endorsed, admins all. Keeping
	// or revoking without a note is refused (400) before anything is looked up or changed.
	{ key: 'PAGE /trainer/reviews/recheck',         path: '/trainer/reviews/recheck',        expect: TRAINERS },
	{ key: 'POST /trainer/reviews/recheck?/keep',   path: '/trainer/reviews/recheck?/keep',  form: { badge: '{badge}', note: '' },
		expect: [303, 403, 403, 400, 400, 400] },
	{ key: 'POST /trainer/reviews/recheck?/revoke', path: '/trainer/reviews/recheck?/revoke', form: { badge: '{badge}', note: '' },
		expect: [303, 403, 403, 400, 400, 400] },

	{ key: 'PAGE /join',                            path: '/join',                           expect: PUBLIC },
	{ key: 'POST /join?/go',                        path: '/join?/go',                       form: { code: '' },
		expect: [400, 400, 400, 400, 400, 400] },
	{ key: 'PAGE /join/[code]',                     path: '/join/{joinCode}',                expect: PUBLIC },
	// A guest is asked to sign in or register first (401, the page's own answer). Trainers and
	// admins cannot join as participants (403): a membership would hand the cohort's trainer
	// their password reset, evidence and badges (issue 16).
	{ key: 'POST /join/[code]?/join',               path: '/join/{joinCode}?/join',          form: {},
		expect: [401, 200, 200, 403, 403, 403] },
	{ key: 'POST /join/[code]?/register',           path: '/join/{joinCode}?/register',      form: { name: '' },
		expect: [400, 400, 400, 400, 400, 400] },
	// A wrong code: refused, nobody is marked present (ten wrong codes per person are allowed).
	{ key: 'PAGE /checkin',                         path: '/checkin',                        expect: SIGNED_IN },
	{ key: 'POST /checkin',                         path: '/checkin',                        form: { code: 'SALAH1' },
		expect: [303, 400, 400, 400, 400, 400] },

	{ key: 'PAGE /admin/partners',                  path: '/admin/partners',                 expect: ADMINS },
	{ key: 'POST /admin/partners?/create',          path: '/admin/partners?/create',         form: { name: '' },
		expect: [303, 403, 403, 403, 403, 400] },
	{ key: 'PAGE /admin/partners/[id]',             path: '/admin/partners/{partner}',       expect: ADMINS },
	{ key: 'POST /admin/partners/[id]?/save',       path: '/admin/partners/{partner}?/save', form: { name: '' },
		expect: [303, 403, 403, 403, 403, 400] },
	// The certificate signatory; a name without a title is refused (400) and nothing changes.
	{ key: 'PAGE /admin/certificate',               path: '/admin/certificate',              expect: ADMINS },
	{ key: 'POST /admin/certificate?/save',         path: '/admin/certificate?/save',        form: { name: 'Bu Ketua', title: '' },
		expect: [303, 403, 403, 403, 403, 400] },
	{ key: 'PAGE /admin/lessons',                   path: '/admin/lessons',                  expect: ADMINS },
	{ key: 'PAGE /admin/lessons/[course]/[lesson]', path: '/admin/lessons/{course}/{lesson}', expect: ADMINS },
	// An empty notice: admins are told what is missing, and no notice goes up on the lesson.
	{ key: 'POST /admin/lessons/[course]/[lesson]?/save', path: '/admin/lessons/{course}/{lesson}?/save', form: { text: '', day: '' },
		expect: [303, 403, 403, 403, 403, 400] },
	// Taking down a notice that is not there changes nothing.
	{ key: 'POST /admin/lessons/[course]/[lesson]?/remove', path: '/admin/lessons/{course}/{lesson}?/remove', form: {},
		expect: [303, 403, 403, 403, 403, 200] },
	// A partner that does not exist: the admin is sent back to the list, nothing is deleted.
	{ key: 'POST /admin/partners/[id]?/delete',     path: '/admin/partners/tidak-ada?/delete', form: {},
		expect: [303, 403, 403, 403, 403, 303] },

	// The chrome-less pages a partner's site frames: public, as the course pages are.
	{ key: 'PAGE /embed/courses/[course]',          path: '/embed/courses/{course}',         expect: PUBLIC },
	{ key: 'PAGE /embed/courses/[course]/[lesson]', path: '/embed/courses/{course}/{lesson}', expect: PUBLIC },
	{ key: 'PAGE /embed/courses/[course]/quiz',     path: '/embed/courses/{course}/quiz',    expect: PUBLIC },
	// Needs the embed session token and a bearer session, which no cookie stands in for.
	{ key: 'POST /embed/account',                   path: '/embed/account',                  json: {},
		expect: [401, 401, 401, 401, 401, 401] },
	{ key: 'PAGE /save-progress',                   path: '/save-progress',                  expect: SIGNED_IN },
	// No real device and embed token: refused, no device is claimed and no session is made.
	{ key: 'POST /save-progress?/save',             path: '/save-progress?/save',            form: { device: 'nope', embed: 'nope' },
		expect: [303, 400, 400, 400, 400, 400] },
	{ key: 'GET /oembed',                           path: '/oembed?url={base}/courses/{course}', expect: PUBLIC },

	{ key: 'PAGE /verify/[id=badge]',               path: '/verify/{badge}',                 expect: PUBLIC },
	{ key: 'GET /verify/[id=badge]',                path: '/verify/{badge}',                 expect: PUBLIC },
	{ key: 'GET /verify/[id=badge].json',           path: '/verify/{badge}.json',            expect: PUBLIC },
	{ key: 'GET /verify/[id=badge]/status',         path: '/verify/{badge}/status',          expect: PUBLIC },
	{ key: 'PAGE /verify/[id=badge]/certificate',   path: '/verify/{badge}/certificate',     expect: PUBLIC },
	// Only her trainer and admins may revoke (never the holder herself); empty reason → 400.
	{ key: 'POST /verify/[id=badge]?/revoke',       path: '/verify/{badge}?/revoke',         form: { reason: '' },
		expect: [403, 403, 403, 400, 403, 400] },
	{ key: 'GET /achievements/[slug]',              path: '/achievements/course-{course}',   expect: PUBLIC },
	{ key: 'GET /achievements/[slug].svg',          path: '/achievements/course-{course}.svg', expect: PUBLIC },
	// The did:web issuer's DID document and the signed revocation status list: for any verifier.
	{ key: 'GET /.well-known/did.json',             path: '/.well-known/did.json',           expect: PUBLIC },
	{ key: 'GET /credentials/status/[list]',        path: '/credentials/status/1',           expect: PUBLIC },
	{ key: 'GET /issuer',                           path: '/issuer',                         expect: PUBLIC },
	{ key: 'GET /issuer/key',                       path: '/issuer/key',                     expect: PUBLIC },

	{ key: 'GET /api/health',                       path: '/api/health',                     expect: PUBLIC },
	// Guests sync too (under their device id); an empty batch changes nothing.
	{ key: 'POST /api/sync',                        path: '/api/sync',                       json: { deviceId: '{deviceId}', events: [] },
		expect: PUBLIC },

	{ key: 'PAGE /language',                        path: '/language',                       expect: [303, 303, 303, 303, 303, 303] },
	{ key: 'POST /language?/switch',                path: '/language?/switch',               form: { locale: 'id', next: '/' },
		expect: [303, 303, 303, 303, 303, 303] },
	{ key: 'PAGE /login',                           path: '/login',                          expect: [200, 303, 303, 303, 303, 303] },
	// No contact given: refused before any password check, so no login limit is spent. Signed in,
	// the page's load sends the visitor on (303) before the refusal is shown.
	{ key: 'POST /login',                           path: '/login',                          form: { contact: '', password: 'x' },
		expect: [400, 303, 303, 303, 303, 303] },
	{ key: 'PAGE /register',                        path: '/register',                       expect: [200, 303, 303, 303, 303, 303] },
	{ key: 'POST /register',                        path: '/register',                       form: { name: '' },
		expect: [400, 303, 303, 303, 303, 303] },
	// Setup is gone once the first admin exists (the first-run test made one).
	{ key: 'PAGE /setup',                           path: '/setup',                          expect: [404, 404, 404, 404, 404, 404] },
	{ key: 'POST /setup',                           path: '/setup',                          form: { name: 'Penyusup' },
		expect: [404, 404, 404, 404, 404, 404] },
	{ key: 'PAGE /logout',                          path: '/logout',                         expect: SIGNED_IN },
	{ key: 'POST /logout',                          path: '/logout',                         form: {}, last: true,
		expect: [303, 303, 303, 303, 303, 303] }
];
