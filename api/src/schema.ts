import 'reflect-metadata';
import type { GraphQLSchema } from 'graphql';
import { buildSchema, type NonEmptyArray } from 'type-graphql';
import { AuthResolver } from './auth/auth.resolver';
import { JurisdictionResolver } from './jurisdiction/jurisdiction.resolver';

/** Every resolver of the API; a feature adds its resolver here. */
// eslint-disable-next-line @typescript-eslint/no-unsafe-function-type
export const resolvers: NonEmptyArray<Function> = [
  AuthResolver,
  JurisdictionResolver,
];

export function createSchema(): Promise<GraphQLSchema> {
  return buildSchema({ resolvers, validate: true });
}
