/** Where pages send the browser when the database cannot be reached: a real 503 a person can read. */
export function GET() {
  const html = `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Latchkey is unavailable</title>
<meta name="viewport" content="width=device-width, initial-scale=1">
<style>body{font-family:system-ui,sans-serif;background:#f8fafc;color:#0f172a;display:flex;min-height:100vh;align-items:center;justify-content:center;margin:0}
main{max-width:28rem;background:#fff;border:1px solid #e2e8f0;border-radius:12px;padding:2rem}a{color:#4338ca}</style></head>
<body><main><h1>Latchkey is briefly unavailable</h1>
<p>We can't reach our database right now. Nothing you did was lost: no change was half-saved.</p>
<p>Please <a href="/">try again</a> in a minute. If this keeps happening, tell your administrator.</p></main></body></html>`;
  return new Response(html, {
    status: 503,
    headers: { 'Content-Type': 'text/html; charset=utf-8', 'Retry-After': '30', 'Cache-Control': 'no-store' },
  });
}
