import type { ApolloServerOptionsWithGateway, BaseContext } from '@apollo/server';
import { GraphQLError, getOperationAST, printSchema, type ExecutionResult, type GraphQLSchema, type SourceLocation } from 'graphql';
import { getVariableValues } from 'graphql/execution/values.js';
import { compileQuery, isCompiledQuery, type CompiledQuery } from 'graphql-jit';
import { LRUCache } from 'lru-cache';
import { LocalDateResolver } from 'graphql-scalars';
import { GraphQLISODateTime } from 'type-graphql';

/**
 * graphql-jit reports a resolver's error in an error type of its own, an instance of
 * GraphQLError's prototype that lacks what its constructor sets (no `extensions` unless the
 * thrown error had some): Apollo's error formatting fails on it and masks it. The same error
 * as graphql-js makes it, so formatError finds the thrown error (a refusal of the database,
 * an AppError).
 */
function asGraphQLError(error: GraphQLError): GraphQLError {
  if (error instanceof GraphQLError && (error as { extensions?: unknown }).extensions) return error;
  const jit = error as GraphQLError & { locations?: readonly SourceLocation[] };
  const made = new GraphQLError(jit.message, {
    ...(jit.path ? { path: jit.path } : {}),
    ...(jit.originalError ? { originalError: jit.originalError } : {}),
    ...(jit.extensions ? { extensions: jit.extensions } : {}),
  });
  // graphql-js computes locations from the nodes, which graphql-jit does not keep.
  (made as { locations?: readonly SourceLocation[] }).locations = jit.locations;
  return made;
}

/**
 * The leaf serializers of the scalars whose graphql-scalars serializers are the costliest per
 * field of a long list (a 1,000-row list has 4,000 of them): a moment as the database driver
 * gives it (a Date) and a date as the database gives it (YYYY-MM-DD) go out as they are after
 * one cheap check; anything else goes through the scalar's own serializer, and its error.
 */
const LOCAL_DATE = /^\d{4}-\d{2}-\d{2}$/;
const SERIALIZERS: Record<string, (value: unknown) => unknown> = {
  [GraphQLISODateTime.name]: (value) =>
    (value instanceof Date && !Number.isNaN(value.getTime()) ? value.toISOString() : GraphQLISODateTime.serialize(value)),
  [LocalDateResolver.name]: (value) => (typeof value === 'string' && LOCAL_DATE.test(value) ? value : LocalDateResolver.serialize(value)),
};

/**
 * Queries and mutations executed by graphql-jit: each document is compiled once into a
 * function that walks its selection set without graphql-js's per-field dispatch (a 1,000-row
 * list is ~31,000 fields). Apollo Server takes a custom executor only from a gateway, so this
 * is a gateway of one local schema; parsing, validation, the query guards and every plugin
 * hook run as before, and resolvers are the same functions. Subscriptions are not served
 * here (the live socket executes them).
 */
export function compiledExecutor<C extends BaseContext>(schema: GraphQLSchema): ApolloServerOptionsWithGateway<C>['gateway'] {
  // Keyed by the document text and operation: the compiled function is independent of the
  // variables and the viewer, which arrive at each call.
  const compiled = new LRUCache<string, CompiledQuery>({ max: 500 });
  return {
    async load() {
      return {
        schema,
        executor: async ({ source, document, operationName, request, context }) => {
          // Variables are coerced by graphql-js first: a refused value gives graphql-js's
          // error, which Apollo answers as BAD_USER_INPUT with status 400, as without the
          // compiler (graphql-jit's own coercion throws a bare scalar error instead).
          const operation = getOperationAST(document, operationName ?? undefined);
          const coerced = getVariableValues(schema, operation?.variableDefinitions ?? [], request.variables ?? {}, { maxErrors: 50 });
          if (coerced.errors) return { errors: coerced.errors };
          const key = `${operationName ?? ''}\u0000${source}`;
          let query = compiled.get(key);
          if (!query) {
            const made = compileQuery(schema, document, operationName ?? undefined, { customSerializers: SERIALIZERS });
            // A document Apollo validated compiles; anything else is reported as graphql-js would.
            if (!isCompiledQuery(made)) return made as ExecutionResult;
            query = made;
            compiled.set(key, query);
          }
          const result = await query.query(undefined, context, request.variables ?? {});
          return result.errors ? { ...result, errors: result.errors.map(asGraphQLError) } : result;
        },
      };
    },
    onSchemaLoadOrUpdate(callback) {
      // One schema for the life of the process, announced once: nothing ever updates it.
      callback({ apiSchema: schema, coreSupergraphSdl: printSchema(schema) });
      return () => {};
    },
    async stop() {},
  };
}
