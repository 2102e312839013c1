export { clearPageCache, handlePageCache } from './handle';
export { openFastLane, serveFromPageCache } from './fast-lane';
