import { launchBrowser } from './lib/browser.js';
import { measureSlowLoad } from './slow-load.js';
import { table } from './lib/report.js';
const b = await launchBrowser();
const t = Date.now();
const r = await measureSlowLoad(b, 'http://127.0.0.1:5101', [
 { name: 'lesson', path: '/courses/manajemen-usaha/menghitung-hpp', readable: 'article p', budget: true }]);
console.log(table(r.rows), Date.now() - t);
await b.close();
