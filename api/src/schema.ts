import 'reflect-metadata';
import type { GraphQLSchema } from 'graphql';
import { buildSchema, type NonEmptyArray } from 'type-graphql';
import { AuditResolver } from './audit/audit.resolver';
import { AuthResolver } from './auth/auth.resolver';
import { ClockResolver } from './clock/clock.resolver';
import { JurisdictionResolver } from './jurisdiction/jurisdiction.resolver';
import { AccidentResolver } from './accident/accident.resolver';
import { EnterpriseResolver } from './enterprise/enterprise.resolver';
import { HazardResolver, ListedSupervisionResolver } from './hazard/hazard.resolver';
import { InspectionResolver } from './inspection/inspection.resolver';
import { RoadSegmentResolver } from './road-segment/road-segment.resolver';
import { StatsResolver } from './stats/stats.resolver';
import { AccidentMutationResolver } from './accident/accident.mutation.resolver';
import { EnterpriseMutationResolver } from './enterprise/enterprise.mutation.resolver';
import { HazardMutationResolver } from './hazard/hazard.mutation.resolver';
import { InspectionMutationResolver } from './inspection/inspection.mutation.resolver';
import { RoadSegmentMutationResolver } from './road-segment/road-segment.mutation.resolver';
import { BriefingResolver } from './briefing/briefing.resolver';

/** Every resolver of the API; a feature adds its resolver here. */
// eslint-disable-next-line @typescript-eslint/no-unsafe-function-type
export const resolvers: NonEmptyArray<Function> = [
  AuthResolver,
  ClockResolver,
  JurisdictionResolver,
  HazardResolver,
  ListedSupervisionResolver,
  EnterpriseResolver,
  RoadSegmentResolver,
  InspectionResolver,
  AccidentResolver,
  StatsResolver,
  HazardMutationResolver,
  EnterpriseMutationResolver,
  RoadSegmentMutationResolver,
  InspectionMutationResolver,
  AccidentMutationResolver,
  AuditResolver,
  BriefingResolver,
];

export function createSchema(): Promise<GraphQLSchema> {
  // The values sent are left out of class-validator's results: errors.ts answers with the
  // first violation and its field, never by echoing a megabyte back.
  return buildSchema({ resolvers, validate: { validationError: { target: false, value: false } } });
}
