import type { ApolloServerPlugin } from '@apollo/server';
import depthLimit from 'graphql-depth-limit';
import { getComplexity, simpleEstimator, type ComplexityEstimator } from 'graphql-query-complexity';
import type { GraphQLSchema, ValidationRule } from 'graphql';
import { DEFAULT_PAGE_SIZE } from './connection';
import { AppError } from './errors';

// Every request runs one database transaction: these limits refuse a query before it
// starts when its nesting or its estimated row count would tie up the database. The
// statement timeout (STATEMENT_TIMEOUT_MS on the pool) catches what the estimate misses.

/** Nesting deeper than MAX_QUERY_DEPTH fails validation (GRAPHQL_VALIDATION_FAILED). */
export function depthRule(maxDepth: number): ValidationRule {
  return depthLimit(maxDepth);
}

/**
 * A list field with `first` costs its children once per row it may return (the default
 * page size when `first` is omitted); every other field costs 1 plus its children.
 */
const pageEstimator: ComplexityEstimator = ({ field, args, childComplexity }) => {
  if (!field.args.some((arg) => arg.name === 'first')) return undefined;
  const first = typeof args.first === 'number' ? args.first : DEFAULT_PAGE_SIZE;
  return 1 + Math.max(first, 1) * childComplexity;
};

/** Refuses an operation whose estimated cost is above MAX_QUERY_COST, with BAD_USER_INPUT. */
export function costLimitPlugin(schema: GraphQLSchema, maxCost: number): ApolloServerPlugin {
  return {
    async requestDidStart() {
      return {
        async didResolveOperation({ request, document, operationName }) {
          const cost = getComplexity({
            schema,
            query: document,
            operationName: operationName ?? undefined,
            variables: request.variables ?? {},
            estimators: [pageEstimator, simpleEstimator({ defaultComplexity: 1 })],
          });
          if (cost > maxCost) {
            throw new AppError('BAD_USER_INPUT', `the query would cost ${cost}, above the limit of ${maxCost}; ask for smaller pages or fewer nested fields`, { cost, maxCost });
          }
        },
      };
    },
  };
}
