import 'reflect-metadata';
import { createPubSub } from '@graphql-yoga/subscription';
import type { GraphQLSchema } from 'graphql';
import { buildSchema, type NonEmptyArray } from 'type-graphql';
import {
  AccidentAttachmentsResolver, AttachmentResolver, HazardAttachmentsResolver, InspectionAttachmentsResolver,
} from './attachment/attachment.resolver';
import { AuditResolver } from './audit/audit.resolver';
import { AuthResolver } from './auth/auth.resolver';
import { EscalationStatsResolver } from './chase/escalation-stats.resolver';
import { NotificationResolver } from './chase/notification.resolver';
import { ClockResolver } from './clock/clock.resolver';
import { JurisdictionResolver } from './jurisdiction/jurisdiction.resolver';
import { LiveResolver } from './live/live.resolver';
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
import { ImportResolver } from './import/import.resolver';

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
  NotificationResolver,
  EscalationStatsResolver,
  LiveResolver,
  AttachmentResolver,
  HazardAttachmentsResolver,
  InspectionAttachmentsResolver,
  AccidentAttachmentsResolver,
  BriefingResolver,
  ImportResolver,
];

export function createSchema(): Promise<GraphQLSchema> {
  // The values sent are left out of class-validator's results: errors.ts answers with the
  // first violation and its field, never by echoing a megabyte back.
  // type-graphql asks for a PubSub once there is a subscription; liveUpdates brings its own
  // stream (api/src/live) and publishes nothing here.
  return buildSchema({ resolvers, validate: { validationError: { target: false, value: false } }, pubSub: createPubSub() });
}
