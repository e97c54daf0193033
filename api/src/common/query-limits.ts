import type { ApolloServerPlugin } from '@apollo/server';
import {
  getNamedType, GraphQLError, isInterfaceType, isObjectType, Kind,
  type DocumentNode, type FragmentDefinitionNode, type GraphQLField, type GraphQLNamedType, type GraphQLSchema,
  type OperationDefinitionNode, type SelectionSetNode, type ValidationRule, type ValueNode,
} from 'graphql';
import type { Config } from '../config';
import { DEFAULT_PAGE_SIZE, MAX_PAGE_SIZE } from './connection';
import type { Context } from './context';
import { AppError } from './errors';
import { heavyGateOf, heavyKeyOf } from './heavy-gate';

// Every request runs one database transaction: these limits refuse a query before it runs
// when its shape or its estimated work would tie up the api or the database. Everything
// here walks the document once, each fragment once (memoized): a document of doubled
// fragment spreads, 2^26 fields when expanded, costs as much to check as it is long. The
// number of tokens is capped earlier, by the parser (parseOptions.maxTokens in app.ts), so
// no rule ever sees a document larger than that. The statement timeout (STATEMENT_TIMEOUT_MS)
// catches what the estimate misses.

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

export interface ShapeLimits {
  maxDepth: number;
  maxAliases: number;
  maxDirectives: number;
}

interface Shape {
  depth: number;
  aliases: number;
  directives: number;
}

/**
 * Depth, aliases and directives of every operation, each fragment measured once. A fragment
 * on a cycle is measured as empty: graphql-js's NoFragmentCycles, which runs in the same
 * validation pass, refuses the document anyway, and the walk must not recurse forever.
 * Fragment spreads and inline fragments add no depth; introspection fields (`__schema`)
 * count neither depth nor aliases, as in graphql-depth-limit.
 */
function measureShapes(document: DocumentNode): Map<OperationDefinitionNode, Shape> {
  const fragments = new Map<string, FragmentDefinitionNode>();
  for (const definition of document.definitions) {
    if (definition.kind === Kind.FRAGMENT_DEFINITION) fragments.set(definition.name.value, definition);
  }
  const measured = new Map<string, Shape>();
  const onPath = new Set<string>();
  const EMPTY: Shape = { depth: 0, aliases: 0, directives: 0 };

  const fragmentShape = (name: string): Shape => {
    const known = measured.get(name);
    if (known) return known;
    const fragment = fragments.get(name);
    if (!fragment || onPath.has(name)) return EMPTY;
    onPath.add(name);
    const shape = selectionShape(fragment.selectionSet);
    shape.directives += fragment.directives?.length ?? 0;
    onPath.delete(name);
    measured.set(name, shape);
    return shape;
  };

  const selectionShape = (set: SelectionSetNode): Shape => {
    const total: Shape = { depth: 0, aliases: 0, directives: 0 };
    for (const selection of set.selections) {
      let inner: Shape;
      let own = 0;
      if (selection.kind === Kind.FIELD) {
        if (selection.name.value.startsWith('__')) continue;
        const below = selection.selectionSet ? selectionShape(selection.selectionSet) : EMPTY;
        inner = { ...below, depth: below.depth + 1 };
        if (selection.alias) own = 1;
      } else if (selection.kind === Kind.INLINE_FRAGMENT) {
        inner = selectionShape(selection.selectionSet);
      } else {
        inner = fragmentShape(selection.name.value);
      }
      total.depth = Math.max(total.depth, inner.depth);
      total.aliases += inner.aliases + own;
      total.directives += inner.directives + (selection.directives?.length ?? 0);
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

/**
 * Refuses an operation nested deeper than maxDepth, with more than maxAliases aliases or
 * more than maxDirectives directives (fragments counted each time they are spread), as a
 * GraphQL validation error (GRAPHQL_VALIDATION_FAILED, HTTP 400) naming the limit.
 */
export function shapeRule(limits: ShapeLimits): ValidationRule {
  return (context) => ({
    Document(document) {
      for (const [operation, shape] of measureShapes(document)) {
        const over: [keyof Shape, number, number][] = [
          ['depth', shape.depth, limits.maxDepth],
          ['aliases', shape.aliases, limits.maxAliases],
          ['directives', shape.directives, limits.maxDirectives],
        ];
        for (const [limit, value, max] of over) {
          if (value > max) {
            context.reportError(new GraphQLError(
              `the operation${operation.name ? ` ${operation.name.value}` : ''} has ${limit} ${value}, above the limit of ${max}`,
              { nodes: [operation], extensions: { limit, value, max } }));
          }
        }
      }
      return false;
    },
  });
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
 * Refuses an operation whose estimated cost is above MAX_QUERY_COST (QUERY_TOO_COMPLEX), and
 * holds one of the viewer's heavy-request slots while an operation that reads whole tables
 * runs (RATE_LIMITED when they are all taken; api/src/common/heavy-gate.ts).
 */
export function costLimitPlugin(schema: GraphQLSchema, config: Config): ApolloServerPlugin<Context> {
  return {
    async requestDidStart() {
      let release: (() => void) | undefined;
      return {
        async didResolveOperation({ request, document, operation, contextValue }) {
          if (!operation) return;
          const { cost, heavy } = operationCost(schema, document, operation, request.variables ?? {});
          if (cost > config.maxQueryCost) {
            throw new AppError('QUERY_TOO_COMPLEX', `the query would cost ${cost}, above the limit of ${config.maxQueryCost}; ask for smaller pages, fewer nested fields or fewer aggregates`, { cost, maxCost: config.maxQueryCost });
          }
          if (heavy) release = heavyGateOf(config).enter(heavyKeyOf(contextValue.viewer, contextValue.clientId));
        },
        async willSendResponse() {
          release?.();
          release = undefined;
        },
      };
    },
  };
}
