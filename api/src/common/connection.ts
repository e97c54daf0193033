import 'reflect-metadata';
import { ArgsType, Field, Int, ObjectType, type ClassType } from 'type-graphql';
import { badInput } from './errors';
import type { RequestDb } from './request-db';

// Relay cursor connections with keyset pagination: a page continues after the (sort key,
// id) of the last row it returned, so page 10 costs the same as page 1 and rows inserted
// meanwhile neither repeat nor vanish.

export const DEFAULT_PAGE_SIZE = 50;
export const MAX_PAGE_SIZE = 500;

@ObjectType({ description: 'Relay page information.' })
export class PageInfo {
  @Field(() => Boolean)
  hasNextPage!: boolean;

  @Field(() => Boolean, { description: 'True when the page was asked for after a cursor.' })
  hasPreviousPage!: boolean;

  @Field(() => String, { nullable: true })
  startCursor!: string | null;

  @Field(() => String, { nullable: true })
  endCursor!: string | null;
}

export interface Edge<T> {
  cursor: string;
  node: T;
}

export interface PageData<T> {
  edges: Edge<T>[];
  pageInfo: PageInfo;
  /** Counts the whole filtered list; only run when totalCount is asked for. */
  count: () => Promise<number>;
}

export interface Connection<T> {
  edges: Edge<T>[];
  pageInfo: PageInfo;
  totalCount(): Promise<number>;
}

/** The `<Name>Connection` and `<Name>Edge` object types of a node type. */
export function connectionType<T extends object>(name: string, node: ClassType<T>): new (page: PageData<T>) => Connection<T> {
  @ObjectType(`${name}Edge`)
  class EdgeType {
    @Field(() => String, { description: 'Opaque; pass as `after` to continue after this row.' })
    cursor!: string;

    @Field(() => node)
    node!: T;
  }

  @ObjectType(`${name}Connection`)
  class ConnectionType implements Connection<T> {
    @Field(() => [EdgeType])
    edges: Edge<T>[];

    @Field(() => PageInfo)
    pageInfo: PageInfo;

    private readonly count: () => Promise<number>;

    constructor(page: PageData<T>) {
      this.edges = page.edges;
      this.pageInfo = page.pageInfo;
      this.count = page.count;
    }

    @Field(() => Int, { description: 'Rows matching the filter within your scope, all pages together.' })
    totalCount(): Promise<number> {
      return this.count();
    }
  }

  return ConnectionType;
}

/** An order of a list: one non-null SQL key, then the row id in the same direction. */
export interface SortKey {
  /** Names the order inside cursors, so a cursor of another order is refused. */
  name: string;
  sql: string;
  type: 'integer' | 'date' | 'timestamptz' | 'text';
  direction: 'asc' | 'desc';
}

export function pageSize(first: number | null | undefined): number {
  if (first === null || first === undefined) return DEFAULT_PAGE_SIZE;
  if (!Number.isInteger(first) || first < 0 || first > MAX_PAGE_SIZE) {
    throw badInput(`first must be between 0 and ${MAX_PAGE_SIZE}`, 'first');
  }
  return first;
}

function encodeCursor(order: string, key: string, id: number): string {
  return Buffer.from(JSON.stringify([order, key, id])).toString('base64url');
}

function decodeCursor(cursor: string, order: string): { key: string; id: number } {
  try {
    const value: unknown = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
    if (Array.isArray(value) && value.length === 3 && value[0] === order && typeof value[1] === 'string'
        && Number.isSafeInteger(value[2])) {
      return { key: value[1], id: value[2] as number };
    }
  } catch {
    // fall through: not a cursor of ours
  }
  throw badInput('after is not a cursor of this list in this order', 'after');
}

/** `first` and `after` of every list; each list's arguments extend it with filter and orderBy. */
@ArgsType()
export class PageArgs {
  @Field(() => Int, { nullable: true, description: `Page size: ${DEFAULT_PAGE_SIZE} when omitted, at most ${MAX_PAGE_SIZE}.` })
  first?: number | null;

  @Field(() => String, { nullable: true, description: 'The endCursor of the previous page.' })
  after?: string | null;
}

export interface ListQuery extends PageArgs {
  /** Select list over `from`, e.g. hazardColumns. */
  columns: string;
  /** e.g. `hazards h`. */
  from: string;
  alias: string;
  /** A where fragment whose $n refer to `params` (from the filter builders). */
  where: string;
  params: unknown[];
  order: SortKey;
}

/**
 * One page of a list (one statement, first + 1 rows to learn whether more follow) and a
 * lazy count over the same filter.
 */
export async function fetchPage<R extends { id: number }, T>(
  db: RequestDb, query: ListQuery, map: (row: R) => T,
): Promise<PageData<T>> {
  const { alias, order } = query;
  const limit = pageSize(query.first);
  const params = [...query.params];
  const conditions = [query.where];
  if (query.after) {
    const cursor = decodeCursor(query.after, order.name);
    params.push(cursor.key, cursor.id);
    const compare = order.direction === 'desc' ? '<' : '>';
    conditions.push(`(${order.sql}, ${alias}.id) ${compare} ($${params.length - 1}::${order.type}, $${params.length}::bigint)`);
  }
  params.push(limit + 1);
  const rows = await db.query<R & { sort_key: string }>(
    `select ${query.columns}, (${order.sql})::text as sort_key
     from ${query.from}
     where ${conditions.join(' and ')}
     order by ${order.sql} ${order.direction}, ${alias}.id ${order.direction}
     limit $${params.length}`,
    params);
  // A cursor is made when it is read: a 1,000-row list seldom asks for each edge's.
  const edges = rows.slice(0, limit).map((row) => ({
    get cursor() {
      return encodeCursor(order.name, row.sort_key, row.id);
    },
    node: map(row),
  }));
  return {
    edges,
    pageInfo: {
      hasNextPage: rows.length > limit,
      hasPreviousPage: Boolean(query.after),
      startCursor: edges[0]?.cursor ?? null,
      endCursor: edges[edges.length - 1]?.cursor ?? null,
    },
    count: async () => {
      const [row] = await db.query<{ n: number }>(`select count(*)::int as n from ${query.from} where ${query.where}`, query.params);
      return row!.n;
    },
  };
}
