export { openDatabase, postgisVersion, DEFAULT_CONNECT_TIMEOUT_MS, type Database, type DatabaseMode, type DatabaseOptions } from './database';
export { startEmbedded, type EmbeddedServer } from './embedded';
export { migrate, migrationLevel, readMigrations, migrationsDir, EditedMigrationError } from './migrate';
export { hashPassword, verifyPassword } from './password';
export { seedDemoIfEmpty, type DemoSummary, type SeedOptions } from './seed';
export { isConnectionLoss } from './connection-loss';
export { DatabaseMonitor, type DatabaseHealth, type DatabaseState } from './health';
