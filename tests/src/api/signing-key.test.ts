import { spawnSync } from 'node:child_process';
import { mkdtempSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { readConfig } from '@risk/api/config';

const MAIN = join(__dirname, '..', '..', '..', 'api', 'dist', 'main.js');

describe('the token signing key', () => {
  it('must be set under NODE_ENV=production: the api refuses to start and names JWT_SECRET', () => {
    const started = spawnSync(process.execPath, [MAIN], {
      env: { PATH: process.env.PATH, NODE_ENV: 'production', PGLITE_DATA_DIR: join(mkdtempSync(join(tmpdir(), 'risk-key-')), 'pglite') },
      encoding: 'utf8',
      timeout: 60000,
    });
    expect(started.status).toBe(1);
    expect(started.stderr).toMatch(/configuration: JWT_SECRET must be set/);
  });

  it('must be set with a database server, whatever NODE_ENV says', () => {
    expect(() => readConfig({ DATABASE_URL: 'postgres://db.example/risk' })).toThrow(/JWT_SECRET must be set/);
  });

  it('may not be the development key once published in this repository', () => {
    expect(() => readConfig({ JWT_SECRET: 'development-only-secret-change-me-0123456789' })).toThrow(/JWT_SECRET is the development key published/);
  });

  it('is generated once in development mode, kept readable by its owner only, and reused', () => {
    const env = { PGLITE_DATA_DIR: join(mkdtempSync(join(tmpdir(), 'risk-key-')), 'pglite') };
    const first = readConfig(env);
    const second = readConfig(env);
    expect(first.developmentMode).toBe(true);
    expect(first.jwtSecretFile).toBe(`${env.PGLITE_DATA_DIR}.jwt-secret`);
    expect(statSync(first.jwtSecretFile!).mode & 0o777).toBe(0o600);
    expect(first.jwtSecret.length).toBeGreaterThanOrEqual(32);
    expect(Buffer.from(second.jwtSecret).equals(Buffer.from(first.jwtSecret))).toBe(true);
    const elsewhere = readConfig({ PGLITE_DATA_DIR: join(mkdtempSync(join(tmpdir(), 'risk-key-')), 'pglite') });
    expect(Buffer.from(elsewhere.jwtSecret).equals(Buffer.from(first.jwtSecret))).toBe(false);
  });
});
