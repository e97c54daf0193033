import { BREAK, visit, type DocumentNode } from 'graphql';
import type { ApolloServerPlugin } from '@apollo/server';
import type { Context } from './context';
import { forbidden, unauthenticated } from './errors';
import type { Role } from './mutation';

/** Who may read the schema by introspection (and so use /explorer): those who may query anything in scope. */
export const INTROSPECTING_ROLES: readonly Role[] = ['analyst', 'admin'];

function asksForSchema(document: DocumentNode): boolean {
  let found = false;
  visit(document, {
    Field(node) {
      if (node.name.value === '__schema' || node.name.value === '__type') {
        found = true;
        return BREAK;
      }
      return undefined;
    },
  });
  return found;
}

/**
 * Introspection only for signed-in analysts and admins: the schema maps every field and
 * argument, which helps whoever probes the api and nobody else. __typename stays open
 * (clients need it). The committed api/schema.graphql is public anyway; this keeps
 * anonymous callers from reading a deployment's live schema.
 */
export const introspectionPlugin: ApolloServerPlugin<Context> = {
  async requestDidStart() {
    return {
      async didResolveOperation({ document, contextValue }) {
        const { role } = contextValue.viewer;
        if (INTROSPECTING_ROLES.includes(role) || !asksForSchema(document)) return;
        if (role === 'public') throw unauthenticated();
        throw forbidden('introspection is for analysts and admins');
      },
    };
  },
};
