import type { Pool } from 'pg';
import { isConnectionLoss } from '@risk/db';
import { unauthenticated } from '../common/errors';
import { RequestDb } from '../common/request-db';
import type { Viewer } from '../common/viewer';
import { encodeTile, type TileFeatureRow } from './node-encoder';
import { summariesAnswerFields } from '../stats/summaries';
import type { TileFilter } from './tile-filter';
import {
  AGGREGATE_BELOW_ZOOM, LAYERS, boundsQuery, hazardCellTileQuery, mvtSupportProbe, tileQuery, type LayerName, type TileEncoding,
} from './tiles.sql';

/** Layers that hold ledger rows: the public sees none of them, and is told to sign in. */
const SIGNED_IN_ONLY: ReadonlySet<LayerName> = new Set(['hazards', 'enterprises', 'road_segments']);

export interface TileAddress {
  z: number;
  x: number;
  y: number;
}

export interface TileServiceOptions {
  /** `auto` asks the database once; tests force `node` to compare both encoders. */
  encoding?: TileEncoding | 'auto';
  log?: (line: string) => void;
  /** A tile's transaction, on the server that serves reads (a read replica); default: on `pool`. */
  openRequest?: (viewer: Viewer) => RequestDb;
}

/**
 * Makes tiles and layer extents, each with one statement in a RequestDb's one round trip
 * (RequestDb.only), so row-level security cuts every tile to the viewer's scope exactly as it
 * cuts GraphQL lists.
 */
export class TileService {
  private encoding: Promise<TileEncoding> | undefined;

  constructor(private readonly pool: Pool, private readonly options: TileServiceOptions = {}) {}

  /**
   * ST_AsMVT where PostGIS has protobuf support (a server), else the Node encoder (PGlite).
   * Asked once, on the first tile: the answer cannot change while the process runs.
   */
  encodingInUse(): Promise<TileEncoding> {
    const forced = this.options.encoding ?? 'auto';
    if (forced !== 'auto') return Promise.resolve(forced);
    // A database that was away answered nothing about itself: ask again on the next tile.
    this.encoding ??= this.probeMvtSupport().catch((error: unknown) => {
      this.encoding = undefined;
      throw error;
    });
    return this.encoding;
  }

  /**
   * On a client of its own, released without the error: pool.query() would discard the
   * connection on any failure, and the embedded database then refuses the replacement
   * until it notices the old socket has gone. A lost connection is no answer: it is thrown.
   */
  private async probeMvtSupport(): Promise<TileEncoding> {
    const client = await this.pool.connect();
    let lost: Error | undefined;
    const onLost = (error: Error) => {
      lost = error;
    };
    client.on('error', onLost);
    try {
      await client.query(mvtSupportProbe);
      return 'database';
    } catch (error) {
      if (isConnectionLoss(error)) {
        lost ??= error as Error;
        throw error;
      }
      this.options.log?.(`tiles: encoded in Node, the database has no MVT support (${(error as Error).message})`);
      return 'node';
    } finally {
      client.removeListener('error', onLost);
      client.release(lost);
    }
  }

  async tile(viewer: Viewer, layerName: LayerName, address: TileAddress, filter: TileFilter): Promise<Uint8Array> {
    return (await this.tileFor(viewer, layerName, address, filter)).mvt;
  }

  /** The tile and the viewer it was made for: the account as it is now, which may differ from the token's claims. */
  async tileFor(viewer: Viewer, layerName: LayerName, { z, x, y }: TileAddress, filter: TileFilter): Promise<{ mvt: Uint8Array; viewer: Viewer }> {
    assertMaySee(viewer, layerName);
    const layer = LAYERS[layerName];
    const encoding = await this.encodingInUse();
    const aggregate = z < AGGREGATE_BELOW_ZOOM;
    // One round trip: the viewer's settings and the statement together (RequestDb.only). The
    // account as it is decides whether the cell summaries can answer.
    const request = this.openRequest(viewer);
    const rows = await request.only((current) => {
      const values: unknown[] = [z, x, y];
      const text = aggregate && layerName === 'hazards' && summariesAnswerFields(current, filter.names)
        ? hazardCellTileQuery(filter.where(values, layer.alias), encoding)
        : tileQuery(layer, { where: filter.where(values, layer.alias), aggregate, encoding });
      return { text, values };
    });
    const mvt = encoding === 'database'
      ? (rows[0] as { tile: Buffer }).tile
      : encodeTile(layer.name, layer.geometryType, rows as TileFeatureRow[]);
    return { mvt, viewer: request.viewer };
  }

  /** [west, south, east, north] of the layer's rows the viewer may see under the filter; null when none. */
  async bounds(viewer: Viewer, layerName: LayerName, filter: TileFilter): Promise<[number, number, number, number] | null> {
    assertMaySee(viewer, layerName);
    const layer = LAYERS[layerName];
    const params: unknown[] = [];
    const sql = boundsQuery(layer, filter.where(params, layer.alias));
    const [row] = await this.openRequest(viewer).only<{ west: number | null; south: number; east: number; north: number }>(
      () => ({ text: sql, values: params }));
    return row && row.west !== null ? [row.west, row.south, row.east, row.north] : null;
  }

  private openRequest(viewer: Viewer): RequestDb {
    return this.options.openRequest?.(viewer) ?? new RequestDb(this.pool, viewer);
  }
}

function assertMaySee(viewer: Viewer, layer: LayerName): void {
  if (viewer.role === 'public' && SIGNED_IN_ONLY.has(layer)) throw unauthenticated();
}
