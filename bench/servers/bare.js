// @ts-check
// The two bare baselines, in their own process like the api: GET /tile answers fixed bytes
// (the gzipped tile the api serves, with the same headers), GET /json answers the text of one
// Postgres-built json_agg statement. Nothing else: no framework, no validation, no GraphQL.
'use strict';
const { readFileSync } = require('node:fs');
const { createServer } = require('node:http');
const pg = require('pg');

const port = Number(process.env.PORT);
const tile = readFileSync(/** @type {string} */ (process.env.TILE_FILE));
/** @type {{ sql: string, params: unknown[], session: string }} */
const json = JSON.parse(readFileSync(/** @type {string} */ (process.env.JSON_QUERY_FILE), 'utf8'));

// Sessions set up once as the api's viewer (role and scope), so RLS cuts the same rows.
const pool = new pg.Pool({ connectionString: process.env.DATABASE_URL, max: 10 });
pool.on('connect', (client) => void client.query(json.session));

const server = createServer((req, res) => {
  if (req.url === '/tile') {
    res.writeHead(200, {
      'Content-Type': 'application/vnd.mapbox-vector-tile',
      'Content-Encoding': 'gzip',
      'Cache-Control': 'private, max-age=60',
      ETag: 'W/"bare"',
      'Content-Length': tile.length,
    });
    res.end(tile);
    return;
  }
  if (req.url === '/json') {
    pool.query(json.sql, json.params).then(({ rows }) => {
      const body = Buffer.from(rows[0].body);
      res.writeHead(200, { 'Content-Type': 'application/json', 'Content-Length': body.length });
      res.end(body);
    }, (/** @type {Error} */ error) => {
      res.writeHead(500).end(error.message);
    });
    return;
  }
  res.writeHead(404).end();
});
server.keepAliveTimeout = 60_000;
server.listen(port, () => console.log(`bare ${port} ready`));
process.on('SIGTERM', () => {
  server.close();
  void pool.end().then(() => process.exit(0));
});
