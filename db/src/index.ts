export { API_LOGIN_ROLE, apiUrlOf, openDatabase, postgisVersion, type Database, type DatabaseMode, type DatabaseOptions } from './database';
export { startEmbedded, type EmbeddedServer } from './embedded';
export { migrate, migrationLevel, readMigrations, migrationsDir, EditedMigrationError } from './migrate';
export { hashPassword, verifyPassword } from './password';
export { seedDemoIfEmpty, type DemoSummary, type SeedOptions } from './seed';
