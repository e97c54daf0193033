import { spawn } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

// The api as a process manager runs it: started, then stopped by a signal (Ctrl-C in a
// terminal, SIGTERM from systemd or a container). It must end by itself, with status 0.
// Apollo's own signal handlers once stopped the server first and signalled the process
// again, which main's handler ignored: the process never ended.

const MAIN = join(__dirname, '..', '..', '..', 'api', 'dist', 'main.js');
const SLOW_MS = 180_000;

// The suite's mode: its database server, else an embedded database of this test's own.
const dataDir = join(mkdtempSync(join(tmpdir(), 'risk-stop-')), 'pglite');
const env = {
  PATH: process.env.PATH,
  PORT: '0',
  DEMO_DATA: 'false',
  PGLITE_DATA_DIR: dataDir,
  JWT_SECRET: 'process-stop-test-secret-0123456789abcdef',
  ...(process.env.TEST_DATABASE_URL ? { DATABASE_URL: process.env.TEST_DATABASE_URL } : {}),
};

/** Starts the api, sends `signal` once it serves, and resolves with its exit code (null: still running after 30 s). */
function startAndStop(signal: NodeJS.Signals): Promise<{ code: number | null; output: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [MAIN], { env, stdio: ['ignore', 'pipe', 'pipe'] });
    let output = '';
    let timer: NodeJS.Timeout | undefined;
    const read = (chunk: Buffer) => {
      output += chunk.toString();
      if (timer === undefined && output.includes('serving http')) {
        child.kill(signal);
        timer = setTimeout(() => {
          child.kill('SIGKILL');
          resolve({ code: null, output });
        }, 30_000);
      }
    };
    child.stdout.on('data', read);
    child.stderr.on('data', read);
    child.on('error', reject);
    child.on('exit', (code) => {
      clearTimeout(timer);
      if (timer === undefined) reject(new Error(`the api ended before serving (${code}): ${output}`));
      else resolve({ code, output });
    });
  });
}

describe('stopping the api', () => {
  it.each(['SIGTERM', 'SIGINT'] as const)('%s ends the process with status 0', async (signal) => {
    const stopped = await startAndStop(signal);
    expect({ code: stopped.code, output: stopped.code === 0 ? '' : stopped.output }).toEqual({ code: 0, output: '' });
  }, SLOW_MS);
});
