import { randomBytes, scrypt as scryptCallback, timingSafeEqual, type ScryptOptions } from 'node:crypto';

const scrypt = (password: string, salt: Buffer, keylen: number, options: ScryptOptions) =>
  new Promise<Buffer>((resolve, reject) =>
    scryptCallback(password, salt, keylen, options, (error, key) => (error ? reject(error) : resolve(key))));

interface Cost {
  N: number;
  r: number;
  p: number;
}

/**
 * OWASP's scrypt parameters (Password Storage Cheat Sheet): N = 2^17, r = 8, p = 1, about
 * 128 MiB and a few hundred milliseconds per hash. At most four run at once (libuv's pool).
 */
export const PASSWORD_COST: Cost = { N: 2 ** 17, r: 8, p: 1 };
/** What `scrypt$<salt>$<key>` hashes used: Node's defaults. */
const LEGACY_COST: Cost = { N: 2 ** 14, r: 8, p: 1 };
const KEY_LENGTH = 64;
const SALT_LENGTH = 16;

// scrypt needs 128 · N · r bytes; Node refuses more than maxmem (32 MiB by default).
const maxmem = ({ N, r }: Cost) => 128 * N * r + 1024 * 1024;

interface Parsed {
  cost: Cost;
  salt: Buffer;
  key: Buffer;
}

/** Bounds on the parameters read from a stored hash: a corrupted row must not cost a gigabyte. */
const plausible = ({ N, r, p }: Cost) =>
  Number.isInteger(Math.log2(N)) && N >= 2 ** 10 && N <= 2 ** 20 && r >= 1 && r <= 32 && p >= 1 && p <= 16;

/** `scrypt$N$r$p$<salt hex>$<key hex>`, or the earlier `scrypt$<salt hex>$<key hex>` at N = 2^14. */
function parse(stored: string): Parsed | null {
  const parts = stored.split('$');
  if (parts[0] !== 'scrypt') return null;
  let cost: Cost;
  let saltHex: string | undefined;
  let keyHex: string | undefined;
  if (parts.length === 3) {
    cost = LEGACY_COST;
    [, saltHex, keyHex] = parts;
  } else if (parts.length === 6) {
    cost = { N: Number(parts[1]), r: Number(parts[2]), p: Number(parts[3]) };
    [, , , , saltHex, keyHex] = parts;
  } else {
    return null;
  }
  if (!plausible(cost) || !saltHex || !keyHex || keyHex.length > 256 || !/^[0-9a-f]+$/.test(saltHex + keyHex)) return null;
  return { cost, salt: Buffer.from(saltHex, 'hex'), key: Buffer.from(keyHex, 'hex') };
}

/**
 * A self-describing scrypt hash with its own random salt, `scrypt$N$r$p$<salt>$<key>`, so a
 * later change of parameters still verifies the hashes already stored.
 */
export async function hashPassword(password: string, cost: Cost = PASSWORD_COST): Promise<string> {
  const salt = randomBytes(SALT_LENGTH);
  const key = await scrypt(password, salt, KEY_LENGTH, { ...cost, maxmem: maxmem(cost) });
  return `scrypt$${cost.N}$${cost.r}$${cost.p}$${salt.toString('hex')}$${key.toString('hex')}`;
}

let dummy: Promise<string> | undefined;

/**
 * Constant-time check of a password against a stored hash. Without a stored hash (an
 * unknown user) it checks against a dummy hash of the same cost and answers false, so the
 * time taken does not tell whether the username exists.
 */
export async function verifyPassword(password: string, stored: string | null): Promise<boolean> {
  dummy ??= hashPassword(randomBytes(16).toString('hex'));
  const parsed = parse(stored ?? await dummy);
  if (!parsed) return false;
  const actual = await scrypt(password, parsed.salt, parsed.key.length, { ...parsed.cost, maxmem: maxmem(parsed.cost) });
  return stored !== null && timingSafeEqual(actual, parsed.key);
}

/** Whether a stored hash was made with other parameters than today's: rehash it at the next sign-in. */
export function needsRehash(stored: string): boolean {
  const parsed = parse(stored);
  return !parsed || parsed.cost.N !== PASSWORD_COST.N || parsed.cost.r !== PASSWORD_COST.r || parsed.cost.p !== PASSWORD_COST.p;
}
