import { loadPlaceIfEmpty, openDatabase, seedDemoIfEmpty } from '@risk/db';
import { createApp } from './app';
import { JobRunner } from './chase/job-runner';
import { ConfigError, DEFAULT_DEMO_PASSWORD, readConfig } from './config';

const log = (line: string) => console.log(`[risk-map] ${line}`);

// An error nobody handled leaves the process in a state nobody planned for: log it and stop,
// and let the process manager start a clean one. The database going away never ends up
// here: the pool, each request's connection and the health check handle their connections'
// errors, and requests answer SERVICE_UNAVAILABLE meanwhile (README, "When the database goes away").
const die = (what: string) => (error: unknown) => {
  console.error(`[risk-map] ${what}; stopping:`, error);
  process.exit(1);
};
process.on('uncaughtException', die('uncaught exception'));
process.on('unhandledRejection', die('unhandled promise rejection'));

async function main(): Promise<void> {
  const config = readConfig();
  if (config.jwtSecretFile) {
    log(`development mode: JWT_SECRET is not set, tokens are signed with the secret kept in ${config.jwtSecretFile}; ` +
      'set NODE_ENV=production and JWT_SECRET for any shared use');
  }
  const db = await openDatabase({
    databaseUrl: config.databaseUrl,
    apiDatabaseUrl: config.apiDatabaseUrl,
    readDatabaseUrls: config.readDatabaseUrls,
    dataDir: config.dataDir,
    poolSize: config.poolSize,
    statementTimeoutMs: config.statementTimeoutMs,
    timeZone: config.timeZone,
    afterPhotoRequired: config.afterPhotoRequired,
    connectTimeoutMs: config.connectTimeoutMs,
    log,
  });
  log(`database: ${db.mode}, migration level ${db.migrationLevel}; today is the date in ${config.timeZone}`);
  if (config.demoData) {
    const summary = await seedDemoIfEmpty(db.pool, { seed: config.demoSeed, password: config.demoPassword, cityCode: config.cityCode, log });
    if (summary) {
      log(`demo data loaded (synthetic, seed ${config.demoSeed}): ${summary.towns} towns, ${summary.enterprises} enterprises, ` +
        `${summary.hazards} hazards, ${summary.roadSegments} road segments`);
      log(`demo users (password ${config.demoPassword === DEFAULT_DEMO_PASSWORD ? `"${DEFAULT_DEMO_PASSWORD}", set DEMO_PASSWORD to change` : 'from DEMO_PASSWORD'}):`);
      for (const user of summary.users) {
        const scope = [user.jurisdictionName && `${user.jurisdictionName} ${user.jurisdictionCode}`, user.department, user.enterpriseName]
          .filter(Boolean).join(', ');
        log(`  ${user.username.padEnd(11)} ${user.role.padEnd(10)} ${scope || 'every jurisdiction'}`);
      }
    }
  } else {
    const towns = await loadPlaceIfEmpty(db.pool, { seed: config.demoSeed, cityCode: config.cityCode, log });
    if (towns !== null) log(`jurisdictions of ${config.cityCode} loaded (no demo data): ${towns} towns, their boundaries synthetic until imported`);
  }
  const { server, apollo, audit, imports } = await createApp(config, db);
  server.listen(config.port, () => log(`serving http://localhost:${config.port}/ (GraphQL at /graphql, health at /healthz)`));
  const jobs = new JobRunner(db.pool, config.chase, log);
  jobs.start();
  imports.watch();
  // Once: a terminal's Ctrl-C can reach the process twice (directly and through npm), and
  // closing the pool twice throws.
  let stopping = false;
  const stop = () => {
    if (stopping) return;
    stopping = true;
    server.close();
    imports.stop();
    // Apollo's stop closes the WebSockets (1001: clients connect again, to the next process)
    // and the live updates' listening connection.
    void apollo.stop().then(() => Promise.all([audit.settled(), jobs.stop(), imports.settled()])).then(() => db.close()).then(() => process.exit(0));
  };
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
}

main().catch((error: unknown) => {
  if (error instanceof ConfigError) {
    console.error(error.message);
  } else {
    console.error(error);
  }
  process.exit(1);
});
