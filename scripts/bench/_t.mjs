import { launchBrowser } from './lib/browser.js';
import { measurePageWeight } from './page-weight.js';
import { table } from './lib/report.js';
const b = await launchBrowser();
const t = Date.now();
const r = await measurePageWeight(b, 'http://127.0.0.1:5101', [
 { name: 'home', path: '/', readable: 'main h1' },
 { name: 'lesson', path: '/courses/manajemen-usaha/menghitung-hpp', readable: 'article p', budget: true },
 { name: 'verify', path: '/verify/Fh8sWPUtdtC31f03XqOm9A', readable: 'main h1' }]);
console.log(table(r.rows), Date.now() - t);
console.log(JSON.stringify(r.details.lesson.first.network.map(n => [n.url.slice(-40), n.bytes, n.encoding]), null, 0));
console.log(JSON.stringify(r.details.lesson.repeat.network.map(n => [n.url.slice(-40), n.bytes, n.status])));
await b.close();
