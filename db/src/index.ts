export { API_LOGIN_ROLE, apiUrlOf, DEFAULT_CONNECT_TIMEOUT_MS, openDatabase, postgisVersion, type Database, type DatabaseMode, type DatabaseOptions } from './database';
export { startEmbedded, type EmbeddedServer } from './embedded';
export { migrate, migrationLevel, readMigrations, migrationsDir, EditedMigrationError } from './migrate';
export { hashPassword, needsRehash, PASSWORD_COST, verifyPassword } from './password';
export { seedDemoIfEmpty, type DemoSummary, type SeedOptions } from './seed';
export { dumpMigratedSchema, dumpSchema, schemaFile } from './schema-dump';
export { isConnectionLoss } from './connection-loss';
export { DatabaseMonitor, type DatabaseHealth, type DatabaseState } from './health';
export type { Listener, NotificationHandlers } from './listen';
