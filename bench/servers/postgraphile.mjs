// @ts-check
// PostGraphile 5 on the benchmark database, run by bench/run.js under Node 22 (the binary of
// the npm package `node@22` in bench/node_modules). Every request runs as app_user with the
// settings the api sets for the same viewer, so row-level security cuts both to the same rows.
//
// There is no PostGIS plugin for PostGraphile 5 (@graphile/postgis 0.2.0 targets v4), so
// geometry reaches it as GeoJSON through computed columns (bench/lib/postgraphile.sql).
import { createServer } from 'node:http';
import { postgraphile } from 'postgraphile';
import { makePgService } from 'postgraphile/adaptors/pg';
import { grafserv } from 'postgraphile/grafserv/node';
import { PostGraphileAmberPreset } from 'postgraphile/presets/amber';

const connectionString = process.env.DATABASE_URL;
const port = Number(process.env.PORT);
/** @type {Record<string, string>} */
const settings = JSON.parse(process.env.PG_SETTINGS ?? '{}');
if (!connectionString || !Number.isInteger(port)) throw new Error('DATABASE_URL and PORT are required');

/** @type {GraphileConfig.Preset} */
const preset = {
  extends: [PostGraphileAmberPreset],
  pgServices: [makePgService({ connectionString, schemas: ['public'], pgSettings: () => ({ ...settings }) })],
  grafserv: { port, graphqlPath: '/graphql', graphiql: false, watch: false },
  grafast: { explain: false },
};

const pgl = postgraphile(preset);
const serv = pgl.createServ(grafserv);
const server = createServer();
server.keepAliveTimeout = 60_000;
serv.addTo(server).then(() => {
  server.listen(port, () => console.log(`postgraphile ${port} ready`));
}, (error) => {
  console.error(error);
  process.exit(1);
});
const stop = () => {
  server.close();
  void pgl.release().then(() => process.exit(0));
};
process.on('SIGTERM', stop);
process.on('SIGINT', stop);
