import { promisify } from 'node:util';
import { gunzip } from 'node:zlib';
import { Router, type Request } from 'express';
import type { Database } from '@risk/db';
import type { Pool } from 'pg';
import type { Config } from '../config';
import { currentViewer, viewerFromHeader } from '../auth/token';
import { badInput, notFound } from '../common/errors';
import { handle } from '../common/http-handler';
import { heavyGateOf, heavyKeyOf } from '../common/heavy-gate';
import { recordOf } from '../common/request-record';
import type { Viewer } from '../common/viewer';
import { scopeKey, type Extent, type WriteLog } from '../common/derived-cache';
import type { RequestRouter } from '../common/request-router';
import { TileCache, TILE_TTL_SECONDS } from './tile-cache';
import { parseTileFilter } from './tile-filter';
import { tileJson } from './tilejson';
import { AGGREGATE_BELOW_ZOOM, LAYERS, type LayerName } from './tiles.sql';
import { TileService, type TileAddress, type TileServiceOptions } from './tiles.service';

const gunzipAsync = promisify(gunzip);

/** Deepest zoom served; MapLibre asks for no deeper tile. */
const MAX_TILE_ZOOM = 22;

function layerOf(name: string | undefined): LayerName {
  if (name === undefined || !Object.hasOwn(LAYERS, name)) throw notFound(`tile layer ${name ?? ''}`);
  return name as LayerName;
}

function tileAddress(zRaw: string, xRaw: string, yRaw: string): TileAddress {
  const [z, x, y] = [zRaw, xRaw, yRaw].map((raw) => (/^\d{1,8}$/.test(raw) ? Number(raw) : NaN)) as [number, number, number];
  if (!(z <= MAX_TILE_ZOOM)) throw badInput(`z must be a whole number from 0 to ${MAX_TILE_ZOOM}`, 'z');
  const size = 2 ** z;
  if (!(x < size)) throw badInput(`x must be a whole number from 0 to ${size - 1} at zoom ${z}`, 'x');
  if (!(y < size)) throw badInput(`y must be a whole number from 0 to ${size - 1} at zoom ${z}`, 'y');
  return { z, x, y };
}

/**
 * The WGS84 extent of a tile, widened by an eighth of a tile on each side: tiles carry
 * features a little beyond their edge (the MVT buffer), and a write there must renew them too.
 */
function tileExtent({ z, x, y }: TileAddress): Extent {
  const n = 2 ** z;
  const lng = (tx: number) => (tx / n) * 360 - 180;
  const lat = (ty: number) => (Math.atan(Math.sinh(Math.PI * (1 - (2 * ty) / n))) * 180) / Math.PI;
  const pad = 1 / 8;
  return [lng(x - pad), lat(y + 1 + pad), lng(x + 1 + pad), lat(y - pad)];
}

/**
 * The token of an `Authorization: Bearer` header or, for map libraries that cannot set
 * headers on tile requests, of `?token=`, with what it claims. A token in a URL reaches
 * access logs: the header is preferred, and tokens are short-lived (JWT_TTL_SECONDS).
 */
function claimedViewer(req: Request, query: URLSearchParams, config: Config): Promise<Viewer> {
  const token = query.get('token');
  return viewerFromHeader(req.headers.authorization ?? (token ? `Bearer ${token}` : undefined), config);
}

/** The viewer as the account is now (re-read: a deactivated user or a changed scope applies at once). */
async function viewerOf(req: Request, query: URLSearchParams, config: Config, pool: Pool): Promise<Viewer> {
  return currentViewer(pool, await claimedViewer(req, query, config));
}

function queryOf(req: Request): URLSearchParams {
  return new URL(req.originalUrl, 'http://tiles.invalid').searchParams;
}

/**
 * GET /tiles/{layer}/{z}/{x}/{y}.mvt and GET /tiles/{layer}.json. Mounted before the
 * compression middleware: tiles are gzipped once when made and cached that way.
 */
export function tilesRouter(config: Config, db: Database, writes: WriteLog, requests: RequestRouter, options: TileServiceOptions = {}): Router {
  // Tiles are reads: on a read replica when there is one (RequestRouter).
  const service = new TileService(db.apiPool, { log: (line) => console.log(line), openRequest: (viewer) => requests.open(viewer, '', 'read'), ...options });
  const cache = new TileCache(writes, config.tileCache);
  const router = Router();

  router.get('/:layer/:z/:x/:file', handle(async (req, res) => {
    const params = req.params as Record<'layer' | 'z' | 'x' | 'file', string>;
    const layer = layerOf(params.layer);
    const yMatch = /^(\d+)\.mvt$/.exec(params.file);
    if (!yMatch) throw notFound('tile format (only .mvt is served)');
    const address = tileAddress(params.z, params.x, yMatch[1]!);
    const query = queryOf(req);
    const claimed = await claimedViewer(req, query, config);
    recordOf(res).viewer = claimed;
    const filter = parseTileFilter(layer, query);
    const extent = tileExtent(address);
    const keyOf = (viewer: Viewer) => [scopeKey(viewer), layer, `${address.z}/${address.x}/${address.y}`, filter.key].join('|');
    let viewer = claimed;
    // A kept tile goes only to the account as it is now: re-read first (one round trip).
    let tile = cache.peek(keyOf(claimed), extent);
    if (tile) {
      viewer = await currentViewer(db.pool, claimed);
      if (keyOf(viewer) !== keyOf(claimed)) tile = cache.peek(keyOf(viewer), extent);
    }
    if (!tile) {
      // A tile made here reads the account in its own round trip (RequestDb.only) and is made
      // for the account as it is; it is kept under that scope.
      const asked = viewer;
      const make = async () => {
        const made = await service.tileFor(asked, layer, address, filter);
        viewer = made.viewer;
        return { mvt: made.mvt, key: keyOf(made.viewer) };
      };
      // A tile made below the aggregation zoom reads a whole county's points: a heavy request.
      tile = await cache.make(`${asked.userId ?? 'public'}|${keyOf(asked)}`, address.z < AGGREGATE_BELOW_ZOOM
        ? () => heavyGateOf(config).run(heavyKeyOf(asked, req.ip ?? 'unknown'), make)
        : make);
    }
    recordOf(res).viewer = viewer;

    res.set({
      'Content-Type': 'application/vnd.mapbox-vector-tile',
      // private: the tile holds what this viewer's scope allows, never for shared caches.
      'Cache-Control': `private, max-age=${TILE_TTL_SECONDS}`,
      Vary: 'Accept-Encoding, Authorization',
      ETag: tile.etag,
    });
    if (req.fresh) {
      res.status(304).end();
      return;
    }
    // No features: 200 with no body, which MapLibre draws as an empty tile.
    if (tile.gzipped.length === 0) {
      res.status(200).end();
      return;
    }
    if (req.acceptsEncodings('gzip') === 'gzip') {
      res.set('Content-Encoding', 'gzip').end(tile.gzipped);
    } else {
      res.end(await gunzipAsync(tile.gzipped));
    }
  }));

  router.get('/:file', handle(async (req, res) => {
    const match = /^(.+)\.json$/.exec((req.params as Record<'file', string>).file);
    const layer = layerOf(match?.[1]);
    const query = queryOf(req);
    const viewer = await viewerOf(req, query, config, db.pool);
    recordOf(res).viewer = viewer;
    const filter = parseTileFilter(layer, query);
    // The query string as sent, so the template stays readable (commas unescaped).
    const search = req.originalUrl.split('?')[1] ?? '';
    // PUBLIC_URL, never the Host header: a forged Host would send the map's tiles, and the
    // token in their query, to another server.
    const tilesUrl = `${config.publicUrl}${req.baseUrl}/${layer}/{z}/{x}/{y}.mvt${search ? `?${search}` : ''}`;
    res.set({ 'Cache-Control': `private, max-age=${TILE_TTL_SECONDS}`, Vary: 'Authorization' });
    res.json(tileJson(layer, tilesUrl, await service.bounds(viewer, layer, filter)));
  }));

  return router;
}
