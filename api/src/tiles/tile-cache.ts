import { createHash } from 'node:crypto';
import { promisify } from 'node:util';
import { gzip } from 'node:zlib';
import { LRUCache } from 'lru-cache';
import type { Extent, WriteLog } from '../common/derived-cache';

const gzipAsync = promisify(gzip);

/** A tile ready to send: gzipped once when made, so a cache hit costs no compression. */
export interface CachedTile {
  /** Empty for a tile without features. */
  gzipped: Buffer;
  /** Size of the uncompressed MVT, for logs and tests. */
  rawBytes: number;
  /** Weak, of the uncompressed bytes: the same tile is the same entity in either encoding. */
  etag: string;
}

export async function toCachedTile(mvt: Uint8Array): Promise<CachedTile> {
  const digest = createHash('sha1').update(mvt).digest('base64url');
  return {
    gzipped: mvt.length === 0 ? Buffer.alloc(0) : await gzipAsync(mvt),
    rawBytes: mvt.length,
    etag: `W/"${digest}"`,
  };
}

/**
 * Keeps at most 64 MB of gzipped tiles for 60 s. A tile is renewed when a write through the
 * api lands inside its extent (WriteLog), so the change is in the next tile asked for there
 * and every other tile stays cached; a change made elsewhere shows within the time limit,
 * which matches the Cache-Control max-age the browser is given.
 */
export const TILE_CACHE_BYTES = 64 * 1024 * 1024;
export const TILE_TTL_SECONDS = 60;

export class TileCache {
  private readonly lru = new LRUCache<string, { made: number; tile: CachedTile }>({
    maxSize: TILE_CACHE_BYTES,
    // An empty tile still costs its key and entry; counting it as 1 KB bounds their number.
    sizeCalculation: ({ tile }, key) => Math.max(tile.gzipped.length, 1024) + key.length,
    ttl: TILE_TTL_SECONDS * 1000,
  });
  /** Tiles being made: concurrent requests of one account for one tile wait for one statement. */
  private readonly pending = new Map<string, Promise<CachedTile>>();

  /** `enabled` false (TILE_CACHE=false): nothing is kept or shared, every request makes its tile, for measuring the uncached path. */
  constructor(private readonly writes: WriteLog, private readonly enabled = true) {}

  /** The tile kept under `key`, unless a write has landed in `extent` since it was made. */
  peek(key: string, extent: Extent): CachedTile | undefined {
    const cached = this.enabled ? this.lru.get(key) : undefined;
    return cached && !this.writes.extentChangedSince(extent, cached.made) ? cached.tile : undefined;
  }

  /**
   * The tile `make` produces, kept under the key it answers (the scope it was made for, which
   * may not be the one asked for: the account is read as it is when the tile is made).
   * Concurrent calls with one `pendingKey` wait for one statement.
   */
  async make(pendingKey: string, make: () => Promise<{ mvt: Uint8Array; key: string }>): Promise<CachedTile> {
    // Uncached, every request makes its own tile: concurrent ones are not served one statement.
    if (!this.enabled) return toCachedTile((await make()).mvt);
    let pending = this.pending.get(pendingKey);
    if (!pending) {
      const made = this.writes.current;
      pending = make().then(async ({ mvt, key }) => {
        const tile = await toCachedTile(mvt);
        this.lru.set(key, { made, tile });
        return tile;
      }).finally(() => this.pending.delete(pendingKey));
      this.pending.set(pendingKey, pending);
    }
    return pending;
  }

  clear(): void {
    this.lru.clear();
  }
}
