import type { ApolloServerPlugin } from '@apollo/server';
import {
  getNamedType, isInterfaceType, isObjectType, Kind, parse,
  type DocumentNode, type FragmentDefinitionNode, type GraphQLField, type GraphQLNamedType, type GraphQLSchema,
  type OperationDefinitionNode, type SelectionSetNode, type ValueNode,
} from 'graphql';
import type { RequestHandler } from 'express';
import { LRUCache } from 'lru-cache';
import type { Config } from '../config';
import { DEFAULT_PAGE_SIZE, MAX_PAGE_SIZE } from './connection';
import type { Context } from './context';
import { errorBody, httpStatusOf } from './errors';
import { heavyGateOf, heavyKeyOf } from './heavy-gate';

// Every request runs one database transaction: these limits refuse a query before it runs
// when its shape or its estimated work would tie up the api or the database. Everything
// here walks the document once, each fragment once (memoized): a document of doubled
// fragment spreads, 2^26 fields when expanded, costs as much to check as it is long. The
// number of tokens is capped by the parser (here and in Apollo's parseOptions, app.ts), so
// neither this walk nor graphql-js's validation ever sees a longer document. The statement
// timeout (STATEMENT_TIMEOUT_MS) catches what the estimate misses.

/**
 * What one field of an aggregate query costs, per table it reads in full within the
 * viewer's scope: a page of 50 hazards with 20 fields each costs about 1,000, a town-level
 * `jurisdictionStats` of the whole city reads four tables (1.3 s on a million hazards).
 */
export const TABLE_SCAN_COST = 2500;

/** The `@Extensions` of a field that reads `tables` tables in full: its cost and that it is heavy. */
export const scanCost = (tables: number) => ({ cost: tables * TABLE_SCAN_COST });

/** Directives per operation: the schema defines only @skip, @include and @deprecated. */
export const MAX_QUERY_DIRECTIVES = 50;

export interface QueryLimits {
  maxTokens: number;
  maxDepth: number;
  maxAliases: number;
  maxDirectives: number;
  maxCost: number;
}

interface Shape {
  depth: number;
  aliases: number;
  directives: number;
  /** Fragment spreads that close a cycle (graphql-js's NoFragmentCycles would refuse them too). */
  cycles: number;
}

/**
 * Depth, aliases, directives and fragment cycles of every operation, each fragment measured
 * once. A spread that closes a cycle is counted and not followed, so the walk ends.
 * Fragment spreads and inline fragments add no depth; introspection fields (`__schema`)
 * and what lies under them add no depth, as in graphql-depth-limit (the explorer's
 * introspection query is 13 deep), but their aliases, directives and cycles count.
 */
function measureShapes(document: DocumentNode): Map<OperationDefinitionNode, Shape> {
  const fragments = new Map<string, FragmentDefinitionNode>();
  for (const definition of document.definitions) {
    if (definition.kind === Kind.FRAGMENT_DEFINITION) fragments.set(definition.name.value, definition);
  }
  const measured = new Map<string, Shape>();
  const onPath = new Set<string>();
  const EMPTY: Shape = { depth: 0, aliases: 0, directives: 0, cycles: 0 };

  const fragmentShape = (name: string): Shape => {
    const known = measured.get(name);
    if (known) return known;
    const fragment = fragments.get(name);
    if (!fragment) return EMPTY;
    if (onPath.has(name)) return { ...EMPTY, cycles: 1 };
    onPath.add(name);
    const shape = selectionShape(fragment.selectionSet);
    shape.directives += fragment.directives?.length ?? 0;
    onPath.delete(name);
    measured.set(name, shape);
    return shape;
  };

  const selectionShape = (set: SelectionSetNode): Shape => {
    const total: Shape = { depth: 0, aliases: 0, directives: 0, cycles: 0 };
    for (const selection of set.selections) {
      let inner: Shape;
      let own = 0;
      if (selection.kind === Kind.FIELD) {
        if (selection.alias) own = 1;
        const below = selection.selectionSet ? selectionShape(selection.selectionSet) : EMPTY;
        // Nested introspection is bounded by graphql-js's MaxIntrospectionDepthRule.
        inner = { ...below, depth: selection.name.value.startsWith('__') ? 0 : below.depth + 1 };
      } else if (selection.kind === Kind.INLINE_FRAGMENT) {
        inner = selectionShape(selection.selectionSet);
      } else {
        inner = fragmentShape(selection.name.value);
      }
      total.depth = Math.max(total.depth, inner.depth);
      total.aliases += inner.aliases + own;
      total.directives += inner.directives + (selection.directives?.length ?? 0);
      total.cycles += inner.cycles;
    }
    return total;
  };

  const shapes = new Map<OperationDefinitionNode, Shape>();
  for (const definition of document.definitions) {
    if (definition.kind !== Kind.OPERATION_DEFINITION) continue;
    const shape = selectionShape(definition.selectionSet);
    shape.directives += definition.directives?.length ?? 0;
    shapes.set(definition, shape);
  }
  return shapes;
}

export interface Refusal {
  code: 'GRAPHQL_VALIDATION_FAILED' | 'QUERY_TOO_COMPLEX';
  message: string;
  extensions: Record<string, unknown>;
}

const named = (operation: OperationDefinitionNode) => (operation.name ? `the operation ${operation.name.value}` : 'the operation');

/**
 * Why `query` is refused, or undefined: a fragment cycle, an operation above a shape limit,
 * or one whose estimated cost is above maxCost. Every operation of the document is checked,
 * whichever is asked for.
 */
export function refusalOf(schema: GraphQLSchema, query: string, variables: Record<string, unknown>, limits: QueryLimits): Refusal | undefined {
  let document: DocumentNode;
  try {
    document = parse(query, { maxTokens: limits.maxTokens, noLocation: true });
  } catch {
    // A syntax error, or a document above maxTokens: Apollo's own parse, with the same
    // limit, answers it (GRAPHQL_PARSE_FAILED).
    return undefined;
  }
  for (const [operation, shape] of measureShapes(document)) {
    if (shape.cycles > 0) {
      return { code: 'GRAPHQL_VALIDATION_FAILED', message: `${named(operation)} spreads a fragment within itself`, extensions: { limit: 'fragmentCycle' } };
    }
    const checks: [keyof Shape, number][] = [['depth', limits.maxDepth], ['aliases', limits.maxAliases], ['directives', limits.maxDirectives]];
    for (const [limit, max] of checks) {
      if (shape[limit] > max) {
        return { code: 'GRAPHQL_VALIDATION_FAILED', message: `${named(operation)} has ${limit} ${shape[limit]}, above the limit of ${max}`, extensions: { limit, value: shape[limit], max } };
      }
    }
    const { cost } = operationCost(schema, document, operation, variables);
    if (cost > limits.maxCost) {
      return {
        code: 'QUERY_TOO_COMPLEX',
        message: `${named(operation)} would cost ${cost}, above the limit of ${limits.maxCost}; ask for smaller pages, fewer nested fields or fewer aggregates`,
        extensions: { cost, maxCost: limits.maxCost },
      };
    }
  }
  return undefined;
}

/** The variables of a GET request (a JSON text in the URL) or a POST body, as sent. */
function variablesOf(raw: unknown): Record<string, unknown> {
  if (typeof raw === 'string') {
    try {
      return variablesOf(JSON.parse(raw));
    } catch {
      return {};
    }
  }
  return typeof raw === 'object' && raw !== null && !Array.isArray(raw) ? raw as Record<string, unknown> : {};
}

/**
 * Where a NUL character lies: the path of the variable holding it (`input.description`), or
 * `query` for the escape `\u0000` in a string literal of the query; undefined when none
 * does. PostgreSQL stores no NUL in a text, and the embedded database drops its connection
 * on one, so none goes further than here.
 */
export function nulAt(query: string, variables: Record<string, unknown>): string | undefined {
  if (query.includes('\\u0000') || query.includes('\0')) return 'query';
  const pending = Object.entries(variables).map(([name, value]): [unknown, string] => [value, name]);
  while (pending.length > 0) {
    const [value, path] = pending.pop()!;
    if (typeof value === 'string') {
      if (value.includes('\0')) return path;
    } else if (typeof value === 'object' && value !== null) {
      for (const [key, item] of Object.entries(value)) {
        if (key.includes('\0')) return path;
        pending.push([item, Array.isArray(value) ? `${path}[${key}]` : `${path}.${key}`]);
      }
    }
  }
  return undefined;
}

/**
 * Refuses, before Apollo parses and validates it, a document with a fragment cycle or an
 * operation nested deeper than maxDepth, with more than maxAliases aliases or more than
 * maxDirectives directives (fragments counted each time they are spread): 400
 * GRAPHQL_VALIDATION_FAILED naming the limit; and one whose estimated cost is above maxCost:
 * 400 QUERY_TOO_COMPLEX. graphql-js's validation compares aliased fields pairwise and
 * follows every fragment, so a refusal must come before it: then a flood, a bomb or a cycle
 * costs one parse and one linear walk. A NUL character anywhere is refused too
 * (BAD_USER_INPUT). Accepted documents without variables are remembered, so the web's
 * usual queries are checked here once.
 */
export function queryGuard(schema: GraphQLSchema, limits: QueryLimits): RequestHandler {
  const accepted = new LRUCache<string, true>({ max: 1000, maxSize: 10_000_000, sizeCalculation: (_value, key) => key.length });
  return (req, res, next) => {
    const source = (req.method === 'GET' ? req.query : req.body) as { query?: unknown; variables?: unknown } | undefined;
    const query = source?.query;
    if (typeof query !== 'string' || accepted.has(query)) {
      next();
      return;
    }
    const variables = variablesOf(source?.variables);
    const nul = nulAt(query, variables);
    if (nul !== undefined) {
      res.status(httpStatusOf('BAD_USER_INPUT')).json(errorBody('BAD_USER_INPUT', `${nul} contains a NUL character`, { field: nul }));
      return;
    }
    const refusal = refusalOf(schema, query, variables, limits);
    if (!refusal) {
      // The cost depends on `first` variables: only a document without them is remembered.
      if (Object.keys(variables).length === 0) accepted.set(query, true);
      next();
      return;
    }
    res.status(httpStatusOf(refusal.code)).json(errorBody(refusal.code, refusal.message, refusal.extensions));
  };
}

/** The value of an Int argument as sent: a literal, a variable's raw value, or its default. */
function intArgument(value: ValueNode | undefined, variables: Record<string, unknown>, defaults: Map<string, ValueNode>): number | undefined {
  if (!value) return undefined;
  if (value.kind === Kind.INT) return Number(value.value);
  if (value.kind !== Kind.VARIABLE) return undefined;
  const name = value.name.value;
  const raw = Object.hasOwn(variables, name) ? variables[name] : undefined;
  if (raw === undefined) return intArgument(defaults.get(name), variables, defaults);
  return typeof raw === 'number' && Number.isInteger(raw) ? raw : undefined;
}

export interface Cost {
  cost: number;
  /** The operation reads some table in full (an aggregate): it counts as a heavy request. */
  heavy: boolean;
}

/**
 * The estimated cost of an operation. A field costs 1 plus its children; a list field with
 * `first` costs its children once per row it may return (the default page size when `first`
 * is omitted, the maximum when it is above: the list itself will refuse it); a field with
 * `@Extensions(scanCost(n))` costs what it scans, whatever its children.
 *
 * Variables are read as sent, never coerced here: only `first` matters, and a value that is
 * not a whole number is refused by graphql-js when the operation runs (BAD_USER_INPUT, 400),
 * so a bad variable is never turned into an internal error by the estimate.
 */
export function operationCost(schema: GraphQLSchema, document: DocumentNode, operation: OperationDefinitionNode, variables: Record<string, unknown>): Cost {
  const fragments = new Map<string, FragmentDefinitionNode>();
  for (const definition of document.definitions) {
    if (definition.kind === Kind.FRAGMENT_DEFINITION) fragments.set(definition.name.value, definition);
  }
  const defaults = new Map<string, ValueNode>();
  for (const definition of operation.variableDefinitions ?? []) {
    if (definition.defaultValue) defaults.set(definition.variable.name.value, definition.defaultValue);
  }
  let heavy = false;
  const measured = new Map<string, number>();
  const onPath = new Set<string>();

  const fieldOf = (type: GraphQLNamedType, name: string): GraphQLField<unknown, unknown> | undefined =>
    (isObjectType(type) || isInterfaceType(type) ? type.getFields()[name] : undefined);

  const fragmentCost = (name: string): number => {
    const known = measured.get(name);
    if (known !== undefined) return known;
    const fragment = fragments.get(name);
    const type = fragment && schema.getType(fragment.typeCondition.name.value);
    if (!fragment || !type || onPath.has(name)) return 0;
    onPath.add(name);
    const cost = setCost(fragment.selectionSet, type);
    onPath.delete(name);
    measured.set(name, cost);
    return cost;
  };

  const setCost = (set: SelectionSetNode, parent: GraphQLNamedType): number => {
    let total = 0;
    for (const selection of set.selections) {
      if (selection.kind === Kind.FRAGMENT_SPREAD) {
        total += fragmentCost(selection.name.value);
      } else if (selection.kind === Kind.INLINE_FRAGMENT) {
        const type = selection.typeCondition ? schema.getType(selection.typeCondition.name.value) : parent;
        total += type ? setCost(selection.selectionSet, type) : 0;
      } else {
        const field = fieldOf(parent, selection.name.value);
        const children = field && selection.selectionSet ? setCost(selection.selectionSet, getNamedType(field.type)) : 0;
        const scan = field?.extensions?.cost;
        if (typeof scan === 'number') {
          heavy = true;
          total += scan;
        } else if (field?.args.some((arg) => arg.name === 'first')) {
          const sent = intArgument(selection.arguments?.find((arg) => arg.name.value === 'first')?.value, variables, defaults);
          const rows = sent === undefined ? DEFAULT_PAGE_SIZE : Math.min(Math.max(sent, 1), MAX_PAGE_SIZE);
          total += 1 + rows * children;
        } else {
          total += 1 + children;
        }
      }
    }
    return total;
  };

  const root = operation.operation === 'mutation' ? schema.getMutationType() : operation.operation === 'subscription' ? schema.getSubscriptionType() : schema.getQueryType();
  const cost = root ? setCost(operation.selectionSet, root) : 0;
  return { cost, heavy };
}

/**
 * Holds one of the viewer's heavy-request slots while an operation that reads whole tables
 * runs (RATE_LIMITED when they are all taken; api/src/common/heavy-gate.ts). Its cost was
 * checked by queryGuard before Apollo saw it.
 */
export function heavyRequestPlugin(schema: GraphQLSchema, config: Config): ApolloServerPlugin<Context> {
  return {
    async requestDidStart() {
      let release: (() => void) | undefined;
      return {
        async didResolveOperation({ request, document, operation, contextValue }) {
          if (!operation || !operationCost(schema, document, operation, request.variables ?? {}).heavy) return;
          release = heavyGateOf(config).enter(heavyKeyOf(contextValue.viewer, contextValue.clientId));
        },
        async willSendResponse() {
          release?.();
          release = undefined;
        },
      };
    },
  };
}
