// The baseline of the `feed` part of `npm run bench`: a bare Express route (Express's defaults, no
// middleware) answering GET /bare/:k with the k-th captured /api/posts page, parsed once at start and
// serialised again on every request, exactly as the API serialises its own answer.
// Usage: node scripts/bench-feed-bare.mjs PAGES.json PORT — prints "listening" once it accepts requests.
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);
const express = require('express');

const [file, port] = process.argv.slice(2);
const pages = JSON.parse(readFileSync(file, 'utf8'));
const app = express();
app.get('/bare/:k', (req, res) => {
  const page = pages[Number(req.params.k)];
  if (page === undefined) res.status(404).json({ statusCode: 404, message: 'no such page', error: 'Not Found' });
  else res.json(page);
});
app.listen(Number(port), '127.0.0.1', () => console.log('listening'));
