import * as z from 'zod';

// Scalar bundles the zod we use. zod tests once whether it may compile validators with
// `new Function`, which the page's CSP (no 'unsafe-eval') refuses and the browser reports as a
// violation. Jitless mode skips the test; it is only for this page's browser code. Import this
// before Scalar.
if (typeof window !== 'undefined') z.config({ jitless: true });
