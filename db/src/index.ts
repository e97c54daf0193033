export { API_LOGIN_ROLE, apiUrlOf, openDatabase, postgisVersion, type Database, type DatabaseMode, type DatabaseOptions } from './database';
export { startEmbedded, type EmbeddedServer } from './embedded';
export { migrate, migrationLevel, readMigrations, migrationsDir, EditedMigrationError } from './migrate';
export { hashPassword, needsRehash, PASSWORD_COST, verifyPassword } from './password';
export { seedDemoIfEmpty, type DemoSummary, type SeedOptions } from './seed';
export { dumpMigratedSchema, dumpSchema, schemaFile } from './schema-dump';
